import { Registro1763700000000 } from './1763700000000-registro';
import { Plazos1763800000000 } from './1763800000000-plazos';
import { Notificaciones1763900000000 } from './1763900000000-notificaciones';
import { Atencion1764000000000 } from './1764000000000-atencion';
import { Sesiones1764100000000 } from './1764100000000-sesiones';
import { Configuracion1764200000000 } from './1764200000000-configuracion';
import { IndicesFk1764300000000 } from './1764300000000-indices-fk';
import { Escaneos1764400000000 } from './1764400000000-escaneos';
import { Encuesta1764500000000 } from './1764500000000-encuesta';
import { NotificacionEfectiva1764600000000 } from './1764600000000-notificacion-efectiva';
import { SubsanacionEnLinea1764700000000 } from './1764700000000-subsanacion-en-linea';
import { ClaveDespliegue1764800000000 } from './1764800000000-clave-despliegue';
import { Cifras1764900000000 } from './1764900000000-cifras';
import { AccionesMejora1765000000000 } from './1765000000000-acciones-mejora';
import { EstadisticasPublicas1765100000000 } from './1765100000000-estadisticas-publicas';
import { Inicio1765150000000 } from './1765150000000-inicio';
import { Exportaciones1765200000000 } from './1765200000000-exportaciones';
import { IndicadorSedeUnidad1765300000000 } from './1765300000000-indicador-sede-unidad';
import { CifrasCalendario1765400000000 } from './1765400000000-cifras-calendario';
import { Designaciones1765500000000 } from './1765500000000-designaciones';
import { AuditoriaRegistro1765600000000 } from './1765600000000-auditoria-registro';
import { BusquedaPlegada1765800000000 } from './1765800000000-busqueda-plegada';
import { BandejaOrden1766100000000 } from './1766100000000-bandeja-orden';
import { AdjuntosEnEspera1765900000000 } from './1765900000000-adjuntos-en-espera';
import { Retencion1766300000000 } from './1766300000000-retencion';
import { CifraCalendario1766400000000 } from './1766400000000-cifra-calendario';
import { ReferenciasAlReclamoDiferibles1766451400000 } from './1766451400000-referencias-al-reclamo-diferibles';
import { RegistroAcceso1766500000000 } from './1766500000000-registro-acceso';

/** Applied in this order by the CLI, the apps' checks and the test setup alike. */
export const ALL_MIGRATIONS = [
  Registro1763700000000,
  Plazos1763800000000,
  Notificaciones1763900000000,
  Atencion1764000000000,
  Sesiones1764100000000,
  Configuracion1764200000000,
  IndicesFk1764300000000,
  Escaneos1764400000000,
  Encuesta1764500000000,
  NotificacionEfectiva1764600000000,
  SubsanacionEnLinea1764700000000,
  ClaveDespliegue1764800000000,
  Cifras1764900000000,
  AccionesMejora1765000000000,
  EstadisticasPublicas1765100000000,
  Inicio1765150000000,
  Exportaciones1765200000000,
  IndicadorSedeUnidad1765300000000,
  CifrasCalendario1765400000000,
  Designaciones1765500000000,
  AuditoriaRegistro1765600000000,
  BusquedaPlegada1765800000000,
  AdjuntosEnEspera1765900000000,
  BandejaOrden1766100000000,
  Retencion1766300000000,
  CifraCalendario1766400000000,
  ReferenciasAlReclamoDiferibles1766451400000,
  RegistroAcceso1766500000000,
];
