import Redis, { Cluster, ClusterNode, RedisOptions } from 'ioredis';
import { Environment } from '../config/environment';

/** A client of the one server or of the cluster: both speak the commands the platform uses. */
export type ClienteRedis = Redis | Cluster;

type ConfiguracionRedis = Pick<Environment, 'REDIS_URL' | 'REDIS_CLUSTER_NODES'>;

/** Credentials and TLS from REDIS_URL (with a cluster, its host and database are not used). */
function opcionesDeUrl(url: URL): RedisOptions {
  return {
    password: url.password ? decodeURIComponent(url.password) : undefined,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
  };
}

export function nodosDelCluster(c: ConfiguracionRedis): ClusterNode[] | null {
  if (!c.REDIS_CLUSTER_NODES) return null;
  return c.REDIS_CLUSTER_NODES.split(',').map((nodo) => {
    const corte = nodo.lastIndexOf(':');
    return { host: nodo.slice(0, corte), port: Number(nodo.slice(corte + 1)) };
  });
}

/**
 * A connection to the configured Redis: REDIS_URL's server, or the cluster of REDIS_CLUSTER_NODES
 * (ioredis's Cluster, which follows MOVED/ASK redirections and re-reads the slots when masters change).
 * `opciones` apply to every node's connection (BullMQ needs `maxRetriesPerRequest: null`; the rate
 * limiter fails fast with 1 and no offline queue).
 */
export function conectarRedis(c: ConfiguracionRedis, opciones: RedisOptions): ClienteRedis {
  const url = new URL(c.REDIS_URL);
  const nodos = nodosDelCluster(c);
  if (!nodos) return new Redis(c.REDIS_URL, opciones);
  const { enableOfflineQueue, ...porNodo } = opciones;
  return new Cluster(nodos, {
    redisOptions: { ...opcionesDeUrl(url), ...porNodo },
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
  });
}

/**
 * BullMQ's key prefix. On a cluster a queue's keys must live in one hash slot (its Lua scripts touch
 * several at once), so the prefix is a hash tag: `{reclamos}`; on one server the plain `reclamos`
 * (existing queues keep their keys). Every queue of the platform shares it.
 */
export function prefijoDeColas(c: ConfiguracionRedis): string {
  return nodosDelCluster(c) ? '{reclamos}' : 'reclamos';
}
