// Sends identify, track, page, group and alias through the real Segment and RudderStack Node
// clients to the Touchpoint under test, then flushes. Exits non-zero when any request failed.
import { Analytics } from '@segment/analytics-node';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';

const { WRITE_KEY: writeKey, HOST: host } = process.env;
if (!writeKey || !host) {
  console.error('Set WRITE_KEY and HOST.');
  process.exit(2);
}

const failures = [];

async function sendWithSegment() {
  // A generous request timeout: the test host may be slow on a busy machine, and a retry is not what is tested.
  const analytics = new Analytics({ writeKey, host, flushAt: 20, flushInterval: 200, maxRetries: 0, httpRequestTimeout: 60000 });
  analytics.on('http_response', (r) => {
    if (r.status !== 200) failures.push(`segment: HTTP ${r.status}`);
  });
  analytics.on('error', (e) => failures.push(`segment: ${e.code ?? ''} ${e.reason ?? e.message ?? e}`));
  analytics.identify({ userId: 'segment-user', anonymousId: 'segment-device', traits: { email: 'segment@example.com', plan: 'pro' } });
  analytics.track({ userId: 'segment-user', event: 'Order Completed', properties: { total: 42 } });
  analytics.page({ userId: 'segment-user', name: 'Pricing', properties: { path: '/pricing' } });
  analytics.group({ userId: 'segment-user', groupId: 'segment-co', traits: { name: 'Segment Co' } });
  analytics.alias({ userId: 'segment-user', previousId: 'segment-old' });
  await analytics.closeAndFlush({ timeout: 30000 });
}

async function sendWithRudder() {
  const client = new RudderAnalytics(writeKey, {
    dataPlaneUrl: host,
    flushAt: 20,
    retryCount: 0,
    logLevel: 'error',
    errorHandler: (e) => failures.push(`rudder: ${e.response?.status ?? e.code ?? e.message}`),
  });
  client.identify({ userId: 'rudder-user', anonymousId: 'rudder-device', traits: { email: 'rudder@example.com', plan: 'team' } });
  client.track({ userId: 'rudder-user', event: 'Order Completed', properties: { total: 7 } });
  client.page({ userId: 'rudder-user', name: 'Docs', properties: { path: '/docs' } });
  client.group({ userId: 'rudder-user', groupId: 'rudder-co', traits: { name: 'Rudder Co' } });
  client.alias({ userId: 'rudder-user', previousId: 'rudder-old' });
  await client.flush();
}

await sendWithSegment();
await sendWithRudder();
if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log('sent');
