export * from './seed';
// The seeded entities, for the demo history (config/demo/historial), which gives them their reclamos.
export { ENTIDADES as ENTIDADES_DEMO } from './seed-data';
