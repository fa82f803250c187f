import { departamentos, distritos, isValidUbigeo, provincias, ubigeoNombres, UbigeoEntry } from '@app/domain/ubigeo';
import { RutasCiudadano } from '@app/platform/links';

interface Opcion {
  value: string;
  label: string;
  selected: boolean;
}

const texto = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const porNombre = (a: UbigeoEntry, b: UbigeoEntry): number => a.name.localeCompare(b.name, 'es');
const opciones = (lista: readonly UbigeoEntry[], elegido: string): Opcion[] =>
  [...lista].sort(porNombre).map((u) => ({ value: u.code, label: u.name, selected: u.code === elegido }));

/**
 * The hoja's address block: departamento → provincia → distrito as three selects, each listing only
 * the children of the one above, as INEI names them, alphabetically. What the person chose is kept
 * across the no-JavaScript round trip (`POST /e/:codigo/distrito`) and across an error: a distrito
 * (`ubigeo`) gives its provincia and departamento; a departamento changed without asking for its
 * provincias drops the provincia and distrito that belonged to the old one. `elegido` spells the
 * choice out in full («Miraflores, provincia de Lima, departamento de Lima»), since 100 distrito
 * names repeat. The block shows when the answer goes to the postal address (`visible` forces it
 * when the person has not answered that question but has started the address).
 */
export function buildUbicacion(entidadCodigo: string, values: Record<string, unknown>, errores: Record<string, string>) {
  const ubigeo = texto(values.ubigeo);
  const distritoValido = isValidUbigeo(ubigeo);
  let departamento = texto(values.departamento) || (distritoValido ? ubigeo.slice(0, 2) : '');
  if (!departamentos().some((d) => d.code === departamento)) departamento = '';
  let provincia = texto(values.provincia) || (distritoValido ? ubigeo.slice(0, 4) : '');
  if (!provincia.startsWith(departamento) || provincias(departamento).every((p) => p.code !== provincia)) provincia = '';
  const distrito = distritoValido && ubigeo.startsWith(provincia) && provincia !== '' ? ubigeo : '';
  const nombres = distrito ? ubigeoNombres(distrito) : undefined;
  const respondido = values.notificacionEmail !== undefined && values.notificacionEmail !== '';
  const empezado = departamento !== '' || texto(values.direccion) !== '';
  return {
    accion: RutasCiudadano.libroDistrito(entidadCodigo),
    departamentos: opciones(departamentos(), departamento),
    provincias: opciones(provincias(departamento), provincia),
    distritos: opciones(distritos(provincia), distrito),
    hayDepartamento: departamento !== '',
    hayProvincia: provincia !== '',
    elegido: nombres ? `${nombres.distrito}, provincia de ${nombres.provincia}, departamento de ${nombres.departamento}` : '',
    visible: (!respondido && empezado) || errores.ubigeo !== undefined || errores.direccion !== undefined,
  };
}
