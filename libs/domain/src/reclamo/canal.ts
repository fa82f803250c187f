/** How a reclamo reached the book: the digital form, or a sheet of the physical backup book. */
export enum Canal {
  VIRTUAL = 'virtual',
  FISICO = 'fisico',
}
