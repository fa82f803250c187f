import { RolUsuario } from '@app/domain';
import { mayInvite, ROLES_INVITABLES } from './staff-roles';

describe('mayInvite', () => {
  const invitables = (actor: RolUsuario) => ROLES_INVITABLES.filter((rol) => mayInvite(actor, rol));

  it('lets the coordinator invite only the two responsables, as the administrator', () => {
    expect(invitables('coordinador')).toEqual(['responsable_titular', 'responsable_alterno']);
    expect(invitables('administrador')).toEqual(['responsable_titular', 'responsable_alterno']);
  });

  it('lets responsables invite their own entity\'s staff but not a titular responsable, and nobody else invite anyone', () => {
    expect(invitables('responsable_titular')).toEqual(['oficial', 'responsable_alterno', 'titular_entidad']);
    expect(invitables('responsable_alterno')).toEqual(['oficial', 'responsable_alterno', 'titular_entidad']);
    expect(invitables('oficial')).toEqual([]);
    expect(invitables('titular_entidad')).toEqual([]);
  });
});
