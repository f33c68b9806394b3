import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { at, DAY, insertUser, T0 } from './fixtures';
import type { OpenStore } from './harness';

export function describeRoles(open: OpenStore): void {
  describe('roles', () => {
    it('grants a role once and reports a repeated grant as no change', async () => {
      const { store } = await open();
      const user = await insertUser(store);
      const admin = randomUUID();
      const grant = {
        userId: user.id,
        tenantId: user.tenantId,
        role: 'staff' as const,
        grantedAt: T0,
        grantedBy: admin,
      };

      expect(await store.grantRole(grant)).toBe(true);
      expect(await store.grantRole({ ...grant, grantedAt: at(DAY), grantedBy: null })).toBe(false);
      expect(await store.listRoles(user.id)).toEqual([grant]);
    });

    it('keeps roles per tenant and lists them by tenant, then role', async () => {
      const { store } = await open();
      const user = await insertUser(store, { tenantId: 'leeds-careers' });
      for (const [tenantId, role] of [
        ['york-careers', 'staff'],
        ['leeds-careers', 'staff'],
        ['leeds-careers', 'candidate'],
      ] as const) {
        await store.grantRole({ userId: user.id, tenantId, role, grantedAt: T0, grantedBy: null });
      }

      expect((await store.listRoles(user.id)).map((grant) => `${grant.tenantId}/${grant.role}`)).toEqual([
        'leeds-careers/candidate',
        'leeds-careers/staff',
        'york-careers/staff',
      ]);
    });

    it('revokes a held role and reports revoking a role not held as no change', async () => {
      const { store } = await open();
      const user = await insertUser(store);
      await store.grantRole({
        userId: user.id,
        tenantId: user.tenantId,
        role: 'admin',
        grantedAt: T0,
        grantedBy: null,
      });

      expect(await store.revokeRole(user.id, 'york-careers', 'admin')).toBe(false);
      expect(await store.revokeRole(user.id, user.tenantId, 'admin')).toBe(true);
      expect(await store.revokeRole(user.id, user.tenantId, 'admin')).toBe(false);
      expect(await store.listRoles(user.id)).toEqual([]);
    });
  });
}
