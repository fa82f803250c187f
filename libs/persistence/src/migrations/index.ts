import { Registro1763700000000 } from './1763700000000-registro';
import { Plazos1763800000000 } from './1763800000000-plazos';

/** Applied in this order by the CLI, the apps' checks and the test setup alike. */
export const ALL_MIGRATIONS = [Registro1763700000000, Plazos1763800000000];
