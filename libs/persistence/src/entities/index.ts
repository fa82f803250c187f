import { AdjuntoEntity } from './adjunto.entity';
import { SedeEntity, ServicioEntity, UnidadOrganicaEntity } from './catalogo.entity';
import { EntidadEntity } from './entidad.entity';
import { IdempotenciaEntity } from './idempotencia.entity';
import { OutboxEntity } from './outbox.entity';
import { ReclamoEventoEntity } from './reclamo-evento.entity';
import { ReclamoPersonaEntity } from './reclamo-persona.entity';
import { ReclamoEntity } from './reclamo.entity';
import { TramoEntity } from './tramo.entity';
import { UsuarioEntity } from './usuario.entity';

export {
  AdjuntoEntity,
  SedeEntity,
  ServicioEntity,
  UnidadOrganicaEntity,
  EntidadEntity,
  IdempotenciaEntity,
  OutboxEntity,
  ReclamoEventoEntity,
  ReclamoPersonaEntity,
  ReclamoEntity,
  TramoEntity,
  UsuarioEntity,
};
export type { ActorTipo } from './reclamo-evento.entity';
export type { OutboxEstado } from './outbox.entity';
export type { RolUsuario } from './usuario.entity';

/** Every entity the DataSource knows; one list for the apps, the CLI and the tests. */
export const ALL_ENTITIES = [
  TramoEntity,
  EntidadEntity,
  SedeEntity,
  UnidadOrganicaEntity,
  ServicioEntity,
  ReclamoEntity,
  ReclamoPersonaEntity,
  AdjuntoEntity,
  ReclamoEventoEntity,
  OutboxEntity,
  IdempotenciaEntity,
  UsuarioEntity,
];
