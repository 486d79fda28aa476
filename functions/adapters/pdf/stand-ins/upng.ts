/**
 * Stands in, in the Lambda bundles, for `@pdf-lib/upng`, pdf-lib's PNG codec (lib/billing-function.ts
 * aliases it here): invoices embed no image, and the codec is 24 KB that every cold start would parse.
 */
const refuse = (): never => {
  throw new Error('PNG images are not bundled with the PDF renderer');
};

export default { decode: refuse, toRGBA8: refuse, encode: refuse };
