/** heic-convert 2.x ships no types: the one call used here (its README's API). */
declare module 'heic-convert' {
  function convert(options: { buffer: Buffer | Uint8Array | ArrayBuffer; format: 'JPEG' | 'PNG'; quality?: number }): Promise<ArrayBuffer>;
  export = convert;
}
