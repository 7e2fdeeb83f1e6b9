/** The Tessera mark: four tiles, one in the accent colour. Decorative; the name is beside it. */
export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="8" height="8" rx="2" className="brand-mark__tile brand-mark__tile--accent" />
      <rect x="11" y="1" width="8" height="8" rx="2" className="brand-mark__tile" />
      <rect x="1" y="11" width="8" height="8" rx="2" className="brand-mark__tile" />
      <rect x="11" y="11" width="8" height="8" rx="2" className="brand-mark__tile" />
    </svg>
  );
}
