import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('demo funding', () => {
  it('pledges on demo projects count towards their gap, and only the pledging organization sees its pledge', async () => {
    const io = await t.signIn('io@demo.test');
    const list = (await io.get('/api/v1/funding/projects?limit=100')).json();
    const kampala = list.items.find((p: { title: string }) => p.title.startsWith('Joint programme: the Kampala'));
    expect(kampala.funding.pledgeCount).toBe(2);
    expect(Number(kampala.funding.pledged.amount)).toBe(350_000);
    expect(Number(kampala.funding.gap.amount)).toBe(Number(kampala.funding.target.amount) - 350_000);
    const osce = await t.signIn('osce@demo.test');
    const f = (await osce.get(`/api/v1/posts/${kampala.id}/funding`)).json();
    expect(f.pledges).toHaveLength(1);
    expect(f.pledges[0]).toMatchObject({ status: 'confirmed', amount: { amount: '300000.00' } });
    const stats = (await io.get('/api/v1/statistics')).json();
    expect(stats.funding.byCurrency.some((c: { pledged: string }) => Number(c.pledged) >= 350_000)).toBe(true);
  });
});
