/** The Accord mark (the same as the favicon); decorative, so hidden from screen readers. */
export function Logo({ size = 26 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="6" fill="#1c5ea8" />
      <path d="M8 17l5 5 11-12" stroke="white" strokeWidth="3.5" fill="none" strokeLinecap="round" />
    </svg>
  );
}
