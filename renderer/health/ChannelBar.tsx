// Session channels used of the connection's cap: a short bar, and the numbers beside it.

const WIDTH = 56;

export function ChannelBar({ used, cap }: { used: number; cap: number }) {
  const share = cap > 0 ? Math.min(used / cap, 1) : 1;
  const full = used >= cap;
  return (
    <span className="channels">
      <svg className={`channels-bar${full ? ' channels-bar-full' : ''}`} width={WIDTH} height="8" viewBox={`0 0 ${WIDTH} 8`} aria-hidden="true">
        <rect x="0" y="0" width={WIDTH} height="8" rx="3" className="channels-bar-track" />
        <rect x="0" y="0" width={Math.round(share * WIDTH * 10) / 10} height="8" rx="3" className="channels-bar-fill" />
      </svg>
      <span>
        {used} of {cap}
        {full && <span className="channels-full"> (full)</span>}
      </span>
    </span>
  );
}
