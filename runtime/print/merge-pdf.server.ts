export interface PdfMerger {
  /** Appends every page of one PDF. */
  add(pdf: Uint8Array): Promise<void>;
  readonly pageCount: number;
  save(): Promise<Uint8Array>;
}

/**
 * Builds one PDF from many, page by page. Parts are added as they are printed, so the copying is
 * spread over the job instead of blocking the event loop once at the end.
 */
export async function createPdfMerger(): Promise<PdfMerger> {
  // pdf-lib takes a fifth of a second to load: paid by the first batch, not by every start.
  const { PDFDocument } = await import("pdf-lib");
  const out = await PDFDocument.create();
  return {
    async add(pdf) {
      const part = await PDFDocument.load(pdf, { updateMetadata: false });
      for (const page of await out.copyPages(part, part.getPageIndices())) out.addPage(page);
    },
    get pageCount() {
      return out.getPageCount();
    },
    save: () => out.save({ useObjectStreams: true }),
  };
}
