// The window's first view: saved hosts and live pool health, until the terminal UI lands.
import type { PoolSnapshot } from '../app/health.js';
import type { SavedHostView } from '../app/hosts.js';
import { skeinBridge, type SkeinIpc } from './skeinBridge.js';

function row(cells: (string | HTMLElement)[], header = false): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const c of cells) {
    const td = document.createElement(header ? 'th' : 'td');
    if (typeof c === 'string') td.textContent = c;
    else td.append(c);
    tr.append(td);
  }
  return tr;
}

function renderHosts(table: HTMLTableElement, hosts: SavedHostView[]): void {
  table.replaceChildren(row(['Label', 'Address', 'Auth', 'Group'], true));
  if (hosts.length === 0) table.append(row(['No saved hosts yet.']));
  for (const h of hosts) table.append(row([h.label, `${h.username}@${h.host}:${h.port}`, h.auth.method, h.group ?? '']));
}

function renderHealth(table: HTMLTableElement, snapshot: PoolSnapshot): void {
  table.replaceChildren(row(['Host', 'Connection', 'State', 'Channels', 'RTT', 'Missed keep-alives', 'Reconnects'], true));
  const rows = snapshot.hosts.flatMap((h) =>
    h.connections.map((c) => {
      const state = document.createElement('span');
      state.className = c.state;
      state.textContent = c.state;
      return row([h.key, c.id, state, `${c.channels}/${c.channelCap}`, c.rttMs === null ? '-' : `${c.rttMs} ms`, String(c.keepaliveMisses), String(h.counters.reconnects)]);
    }),
  );
  if (rows.length === 0) table.append(row(['No open connections.']));
  table.append(...rows);
}

const ipc = (window as unknown as { skeinIpc?: SkeinIpc }).skeinIpc;
if (ipc) {
  const api = skeinBridge(ipc);
  const hostsTable = document.getElementById('hosts') as HTMLTableElement;
  const healthTable = document.getElementById('health') as HTMLTableElement;
  void api.listHosts().then((hosts) => renderHosts(hostsTable, hosts));
  void api.poolSnapshot().then((s) => renderHealth(healthTable, s));
  api.onPoolSnapshot((s) => renderHealth(healthTable, s));
}
