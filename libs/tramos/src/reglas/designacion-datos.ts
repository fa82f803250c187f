import { isIsoDate } from '@app/calendar';
import { FieldError } from '@app/domain';

/**
 * The designation of an entity's responsables del libro, as the oficio the head of the entity sends
 * the SGP states it (the head of the entity designates a titular and an alterno [law: D.S. N°
 * 007-2020-PCM; see the glossary in libs/domain/README.md]): the oficio's number and date, and each
 * person's name and e-mail.
 */
export interface DesignacionEntrada {
  oficioNumero?: unknown;
  /** YYYY-MM-DD, the date printed on the oficio. */
  oficioFecha?: unknown;
  titularNombre?: unknown;
  titularEmail?: unknown;
  /** The alterno is optional: both fields, or neither. */
  alternoNombre?: unknown;
  alternoEmail?: unknown;
}

export interface DesignacionValida {
  oficioNumero: string;
  oficioFecha: string;
  titularNombre: string;
  titularEmail: string;
  alternoNombre: string | null;
  alternoEmail: string | null;
}

export type CampoDesignacion = keyof DesignacionEntrada;

export const ETIQUETAS_DESIGNACION: Readonly<Record<CampoDesignacion, string>> = {
  oficioNumero: 'Número del oficio',
  oficioFecha: 'Fecha del oficio',
  titularNombre: 'Nombre del responsable titular',
  titularEmail: 'Correo del responsable titular',
  alternoNombre: 'Nombre del responsable alterno',
  alternoEmail: 'Correo del responsable alterno',
};

/** D.S. N° 007-2020-PCM was published on 17 January 2020: no designation under it is older. */
export const PRIMERA_FECHA_OFICIO = '2020-01-17';

// Deliberately plain (one @, a dot in the domain, no spaces): the invitation e-mail is the real test.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const texto = (value: unknown): string => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : '');

/** Checks a designation; `hoy` is today's Lima date (an oficio is not dated in the future). */
export function revisarDesignacion(entrada: DesignacionEntrada, hoy: string): { datos: DesignacionValida | null; errores: FieldError[] } {
  const errores: FieldError[] = [];
  const error = (campo: CampoDesignacion, mensaje: string) => errores.push({ campo, mensaje });

  const oficioNumero = texto(entrada.oficioNumero);
  if (oficioNumero.length < 1) error('oficioNumero', 'escriba el número del oficio (por ejemplo, Oficio N° 045-2021-MINEDU/SG)');
  else if (oficioNumero.length > 120) error('oficioNumero', 'escriba como máximo 120 caracteres');

  const oficioFecha = texto(entrada.oficioFecha);
  const leida = oficioFecha.slice(0, 20);
  if (oficioFecha === '') error('oficioFecha', 'indique la fecha del oficio (AAAA-MM-DD)');
  else if (!isIsoDate(oficioFecha)) error('oficioFecha', `«${leida}» no es una fecha válida; use AAAA-MM-DD`);
  else if (oficioFecha > hoy) error('oficioFecha', 'la fecha del oficio no puede ser posterior a hoy');
  else if (oficioFecha < PRIMERA_FECHA_OFICIO) error('oficioFecha', 'la fecha no puede ser anterior al D.S. N° 007-2020-PCM (17 de enero de 2020)');

  const persona = (rol: 'titular' | 'alterno', opcional: boolean): { nombre: string; email: string } | null => {
    const campoNombre = `${rol}Nombre` as const;
    const campoEmail = `${rol}Email` as const;
    const nombre = texto(entrada[campoNombre]);
    const email = texto(entrada[campoEmail]).toLowerCase();
    if (opcional && nombre === '' && email === '') return null;
    const quien = rol === 'titular' ? 'del responsable titular' : 'del responsable alterno';
    if (nombre.length < 3) error(campoNombre, `escriba los nombres y apellidos ${quien}`);
    else if (nombre.length > 200) error(campoNombre, 'escriba como máximo 200 caracteres');
    if (email === '') error(campoEmail, `escriba el correo institucional ${quien}`);
    else if (email.length > 254 || !EMAIL.test(email)) error(campoEmail, `«${email.slice(0, 60)}» no es un correo electrónico válido`);
    return { nombre, email };
  };
  const titular = persona('titular', false);
  const alterno = persona('alterno', true);
  if (titular && alterno && titular.email !== '' && titular.email === alterno.email) {
    error('alternoEmail', 'el alterno debe tener un correo distinto del titular: cada uno tendrá su propia cuenta');
  }

  if (errores.length > 0 || !titular) return { datos: null, errores };
  return {
    datos: {
      oficioNumero,
      oficioFecha,
      titularNombre: titular.nombre,
      titularEmail: titular.email,
      alternoNombre: alterno?.nombre ?? null,
      alternoEmail: alterno?.email ?? null,
    },
    errores,
  };
}
