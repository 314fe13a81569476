// SshConfigMatch: Match lines read and decided as OpenSSH's match_cfg_line does, without running anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SshConfigMatch, type SshConfigMatchContext } from './sshConfigMatch.js';

const web: SshConfigMatchContext = { host: 'web.example.com', originalHost: 'web', user: 'deploy', localUser: 'alice', final: false };

function applies(line: string, context: Partial<SshConfigMatchContext> = {}): boolean {
  const parsed = SshConfigMatch.parse(line.split(' '));
  assert.ok(parsed.ok, `${line}: ${parsed.ok ? '' : parsed.reason}`);
  return parsed.match.applies({ ...web, ...context });
}

function refused(line: string): string {
  const parsed = SshConfigMatch.parse(line.split(' '));
  assert.ok(!parsed.ok, `${line} was accepted`);
  return parsed.reason;
}

test('each criterion sees its own subject; ! negates a criterion, and a negated pattern vetoes its list', () => {
  assert.equal(applies('host *.example.com'), true);
  assert.equal(applies('host web'), false, 'host sees the HostName, not the name typed');
  assert.equal(applies('originalhost web'), true);
  assert.equal(applies('user deploy,ops'), true);
  assert.equal(applies('user *,!deploy'), false);
  assert.equal(applies('localuser alice'), true);
  assert.equal(applies('!localuser alice'), false);
  assert.equal(applies('!host db'), true);
  assert.equal(applies('user d?ploy'), true);
  assert.equal(applies('user deploy?'), false, '? is exactly one character');
});

test('user names compare case-sensitively and host names do not, as in OpenSSH', () => {
  assert.equal(applies('user Deploy'), false);
  assert.equal(applies('localuser ALICE'), false);
  assert.equal(applies('host WEB.example.COM'), true);
});

test('every criterion must hold, repeats included', () => {
  assert.equal(applies('host *.example.com user deploy'), true);
  assert.equal(applies('host *.example.com user ops'), false);
  assert.equal(applies('host *.com host !web.*'), false);
  assert.equal(applies('user deploy user alice'), false);
});

test('all holds unless negated, may follow one criterion, and nothing may follow it', () => {
  assert.equal(applies('all'), true);
  assert.equal(applies('!all'), false);
  assert.equal(applies('host *.example.com all'), true);
  assert.equal(applies('host db all'), false);
  assert.equal(applies('final all'), false);
  assert.equal(applies('final all', { final: true }), true);
  assert.match(refused('all host x'), /^"all" cannot be combined with other Match criteria; ssh rejects this config \("Bad Match condition"\)$/);
  assert.match(refused('host x user y all'), /^"all" cannot be combined/);
});

test('final holds only in the final pass, and only an unnegated final asks for that pass', () => {
  const final = SshConfigMatch.parse(['final', 'host', '*.example.com']);
  assert.ok(final.ok);
  assert.equal(final.match.wantsFinalPass, true);
  assert.equal(final.match.applies(web), false);
  assert.equal(final.match.applies({ ...web, final: true }), true);
  const notFinal = SshConfigMatch.parse(['!final']);
  assert.ok(notFinal.ok);
  assert.equal(notFinal.match.wantsFinalPass, false);
  assert.equal(notFinal.match.applies(web), true);
  assert.equal(notFinal.match.applies({ ...web, final: true }), false);
});

test('exec, canonical and live-session criteria are undecidable; unknown or incomplete lines are what ssh rejects', () => {
  assert.match(refused('exec true'), /^Match exec runs a command to decide, and Skein never runs one/);
  assert.match(refused('host x !exec true'), /^Match exec runs a command/);
  assert.match(refused('canonical'), /^Match canonical applies after host name canonicalization/);
  for (const name of ['localnetwork', 'tagged', 'command', 'sessiontype', 'version']) assert.match(refused(`${name} x`), new RegExp(`^Match ${name} `));
  assert.equal(refused('hostname x'), '"hostname" is not a Match criterion; ssh rejects this config ("Unsupported Match attribute")');
  assert.equal(refused('host'), 'Match host needs a pattern after it; ssh rejects this config ("Missing Match criteria")');
  const finalExec = SshConfigMatch.parse(['final', 'exec', 'true']);
  assert.ok(!finalExec.ok && finalExec.wantsFinalPass, 'a final on an undecidable line still asks for the final pass, as in OpenSSH');
});
