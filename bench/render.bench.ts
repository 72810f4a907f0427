// npm run bench -- render
// Payload build + lint of one message in Node (renderMessage: personalisation, APNs request, FCM
// message, byte counts, lints), on a message with 5 personalised fields and most options set.
// Limit: 1 ms per message at the median.
import { messageContentSchema } from '../shared/domain/message.js';
import { renderMessage } from '../shared/render/render-message.js';

const LIMIT_MS = 1;
const RUNS = 5000;
const content = messageContentSchema.parse({
  title: 'Hi {{default profile.person.firstName "there"}}',
  subtitle: '{{upper profile.tier}} member',
  body: 'Your {{event.product.name}} is back at {{formatNumber event.product.price currency="USD"}}. {{#if (gt profile.points 1000)}}Use your {{formatNumber profile.points}} points!{{/if}}',
  image: { source: 'url', url: 'https://cdn.example.com/{{event.product.sku}}.jpg' },
  tapAction: { kind: 'deepLink', url: 'shop://product/{{event.product.sku}}' },
  androidButtons: [{ id: 'buy', label: 'Buy', action: { kind: 'deepLink', url: 'shop://buy' } }],
  badge: 1, threadId: 'restock', collapseId: 'restock', ttlSeconds: 3600, interruptionLevel: 'time-sensitive', relevanceScore: 0.5,
  data: [{ key: 'sku', value: '{{event.product.sku}}' }], accentColor: '#ff6600', androidChannelId: 'offers',
});
const context = {
  channel: { id: 'chn_bench1234', name: 'Shop', ios: { bundleId: 'com.shop.app' }, android: { projectId: 'shop' } },
  profile: { person: { firstName: 'Ada' }, tier: 'gold', points: 1200 },
  event: { product: { name: 'Trail runners', price: 89, sku: 'TR-1' } },
  now: new Date(0),
};
for (let i = 0; i < 500; i += 1) renderMessage(content, context);
const times: number[] = [];
for (let i = 0; i < RUNS; i += 1) {
  const t = performance.now();
  renderMessage(content, context);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
const p95 = times[Math.floor(times.length * 0.95)]!;
console.log(`renderMessage (5 personalised fields, APNs + FCM + lints), ${RUNS} runs`);
console.log(`  median: ${median.toFixed(4)} ms   p95: ${p95.toFixed(4)} ms`);
console.log(`  limit ${LIMIT_MS} ms: median is ${(median / LIMIT_MS).toFixed(3)} of the limit`);
