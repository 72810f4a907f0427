import type { Migration } from '../workspace/migrations.js';

const DIMS = 'hour, origin, journey_id, node_id, message_id, app_id, platform, outcome, reason, final';

/** Each outbox row counted as `queued` in the hourly rollup (migration 40; created again when migration 71 rebuilds the outbox). */
export const QUEUED_ROLLUP_TRIGGER = `CREATE TRIGGER report_rollup_queued AFTER INSERT ON outbox BEGIN
      INSERT INTO report_delivery_hourly (${DIMS}, n)
      VALUES (substr(NEW.created_at, 1, 13), NEW.origin, coalesce(NEW.journey_id, ''), coalesce(NEW.node_id, ''), NEW.message_id,
              NEW.app_id, NEW.platform, 'queued', '', 0, 1)
      ON CONFLICT DO UPDATE SET n = n + 1;
    END;`;

/**
 * The trigger that turns every tracking event, imported or from a simulated device, into a
 * push_interactions row linked to the push it came from (see the comment in migration 40). `when`
 * says which events; `first` is the expression that marks the first open of a push. Migration 40's
 * text must stay as it shipped: only these two parts differ between its trigger and migration 70's.
 */
function linkTrigger(when: string, first: string): string {
  return `CREATE TRIGGER push_tracking_link AFTER INSERT ON experience_events
    ${when}
    BEGIN
      INSERT INTO push_interactions (event_id, at, kind, action_id, outbox_id, provider_id, origin, journey_id, node_id, message_id, app_id, platform, profile_id, first)
      SELECT NEW.id, NEW.timestamp, k.kind, k.action, o.id, coalesce(o.provider_id, k.provider), o.origin,
             coalesce(o.journey_id, k.journey), coalesce(o.node_id, k.node), coalesce(o.message_id, k.message), o.app_id, o.platform, NEW.profile_id,
${first}      FROM (
        SELECT CASE NEW.type WHEN 'pushTracking.applicationOpened' THEN 'open' WHEN 'pushTracking.customAction' THEN 'action' ELSE 'dismiss' END AS kind,
               json_extract(NEW.attributes, '$.pushTracking.actionId') AS action,
               json_extract(NEW.attributes, '$.pushTracking.providerMessageId') AS provider,
               json_extract(NEW.attributes, '$.pushTracking.journeyId') AS journey,
               json_extract(NEW.attributes, '$.pushTracking.nodeId') AS node,
               coalesce(json_extract(NEW.attributes, '$.pushTracking.messageId'), json_extract(NEW.attributes, '$.messageId')) AS message,
               coalesce(
                 (SELECT id FROM outbox WHERE id = json_extract(NEW.attributes, '$.pushTracking.outboxId')),
                 (SELECT id FROM outbox WHERE provider_id = json_extract(NEW.attributes, '$.pushTracking.providerMessageId')),
                 (SELECT id FROM outbox WHERE message_id = coalesce(json_extract(NEW.attributes, '$.pushTracking.messageId'), json_extract(NEW.attributes, '$.messageId'))
                    AND profile_id = NEW.profile_id ORDER BY id DESC LIMIT 1)
               ) AS oid
      ) k LEFT JOIN outbox o ON o.id = k.oid;
    END;`;
}

/**
 * Reports (40–49).
 *
 * - report_delivery_hourly: the delivery log rolled up by UTC hour and every dimension a report
 *   shows, kept by triggers in the same transaction as the log row (or the outbox row, for
 *   `queued`), so a report reads a few thousand rows instead of a million and still equals the log
 *   exactly. Existing rows are rolled up once here.
 * - push_interactions: what people did with a push (open, action, dismiss), one row per tracking
 *   event, linked to the outbox row it came from when it can be found; `first` marks the first open
 *   of a push (unique opens).
 */
export const reportsSchema: Migration = {
  version: 40,
  name: 'reports',
  sql: `
    CREATE INDEX outbox_by_provider_id ON outbox (provider_id) WHERE provider_id IS NOT NULL;
    CREATE INDEX outbox_by_message_profile ON outbox (message_id, profile_id);

    CREATE TABLE report_delivery_hourly (
      hour        TEXT NOT NULL,
      origin      TEXT NOT NULL,
      journey_id  TEXT NOT NULL,
      node_id     TEXT NOT NULL,
      message_id  TEXT NOT NULL,
      app_id      TEXT NOT NULL,
      platform    TEXT NOT NULL,
      outcome     TEXT NOT NULL,
      reason      TEXT NOT NULL,
      final       INTEGER NOT NULL,
      n           INTEGER NOT NULL,
      PRIMARY KEY (journey_id, ${DIMS})
    ) WITHOUT ROWID;
    CREATE INDEX report_delivery_hourly_by_hour ON report_delivery_hourly (hour);

    CREATE TRIGGER report_rollup_attempt AFTER INSERT ON delivery_attempts BEGIN
      INSERT INTO report_delivery_hourly (${DIMS}, n)
      VALUES (substr(NEW.at, 1, 13),
              coalesce((SELECT origin FROM outbox WHERE id = NEW.outbox_id), CASE WHEN NEW.journey_id IS NULL THEN 'test' ELSE 'journey' END),
              coalesce(NEW.journey_id, ''), coalesce(NEW.node_id, ''), NEW.message_id, NEW.app_id, NEW.platform,
              NEW.outcome, coalesce(NEW.reason, ''), NEW.final, 1)
      ON CONFLICT DO UPDATE SET n = n + 1;
    END;

    ${QUEUED_ROLLUP_TRIGGER}

    INSERT INTO report_delivery_hourly (${DIMS}, n)
      SELECT substr(a.at, 1, 13), coalesce(o.origin, CASE WHEN a.journey_id IS NULL THEN 'test' ELSE 'journey' END),
             coalesce(a.journey_id, ''), coalesce(a.node_id, ''), a.message_id, a.app_id, a.platform, a.outcome, coalesce(a.reason, ''), a.final, count(*)
      FROM delivery_attempts a LEFT JOIN outbox o ON o.id = a.outbox_id
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
    INSERT INTO report_delivery_hourly (${DIMS}, n)
      SELECT substr(created_at, 1, 13), origin, coalesce(journey_id, ''), coalesce(node_id, ''), message_id, app_id, platform, 'queued', '', 0, count(*)
      FROM outbox GROUP BY 1, 2, 3, 4, 5, 6, 7
      ON CONFLICT DO UPDATE SET n = n + excluded.n;

    CREATE TABLE push_interactions (
      id          INTEGER PRIMARY KEY,
      event_id    INTEGER,
      at          TEXT NOT NULL,
      kind        TEXT NOT NULL CHECK (kind IN ('open', 'action', 'dismiss')),
      action_id   TEXT,
      outbox_id   INTEGER,
      provider_id TEXT,
      origin      TEXT,
      journey_id  TEXT,
      node_id     TEXT,
      message_id  TEXT,
      app_id      TEXT,
      platform    TEXT,
      profile_id  INTEGER,
      first       INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX push_interactions_by_journey ON push_interactions (journey_id, at);
    CREATE INDEX push_interactions_by_at ON push_interactions (at);
    CREATE INDEX push_interactions_by_outbox ON push_interactions (outbox_id, kind);
    CREATE INDEX push_interactions_by_provider ON push_interactions (provider_id) WHERE provider_id IS NOT NULL;

    -- Interactions rolled up by hour like deliveries: n interactions, u first opens (unique opens).
    CREATE TABLE report_interaction_hourly (
      journey_id  TEXT NOT NULL,
      hour        TEXT NOT NULL,
      kind        TEXT NOT NULL,
      action_id   TEXT NOT NULL,
      origin      TEXT NOT NULL,
      message_id  TEXT NOT NULL,
      app_id      TEXT NOT NULL,
      platform    TEXT NOT NULL,
      n           INTEGER NOT NULL,
      u           INTEGER NOT NULL,
      PRIMARY KEY (journey_id, hour, kind, action_id, origin, message_id, app_id, platform)
    ) WITHOUT ROWID;
    CREATE INDEX report_interaction_hourly_by_hour ON report_interaction_hourly (hour);
    CREATE TRIGGER report_rollup_interaction AFTER INSERT ON push_interactions BEGIN
      INSERT INTO report_interaction_hourly (journey_id, hour, kind, action_id, origin, message_id, app_id, platform, n, u)
      VALUES (coalesce(NEW.journey_id, ''), substr(NEW.at, 1, 13), NEW.kind, coalesce(NEW.action_id, ''), coalesce(NEW.origin, ''),
              coalesce(NEW.message_id, ''), coalesce(NEW.app_id, ''), coalesce(NEW.platform, ''), 1, NEW.first)
      ON CONFLICT DO UPDATE SET n = n + 1, u = u + excluded.u;
    END;
    -- Every tracking event, imported or from a simulated device, is linked to the push it came from:
    -- by the outbox id, by the provider's message id (apns-id, FCM message name), or by the studio's
    -- message id (the newest push of that message to that profile).
    ${linkTrigger(
      `WHEN NEW.type IN ('pushTracking.applicationOpened', 'pushTracking.customAction', 'pushTracking.dismissed')`,
      `             CASE WHEN k.kind = 'open' AND NOT EXISTS (
               SELECT 1 FROM push_interactions p WHERE p.kind = 'open' AND (
                 (k.oid IS NOT NULL AND p.outbox_id = k.oid) OR
                 (k.oid IS NULL AND p.outbox_id IS NULL AND p.message_id IS k.message AND p.profile_id = NEW.profile_id))
             ) THEN 1 ELSE 0 END
`,
    )}
  `,
};

/**
 * Reports (70): linking a tracking event to its push costs a few index lookups, however many
 * interactions are stored. Migration 40's trigger marked the first open with one NOT EXISTS over
 * an OR of the two ways an open is keyed; the planner answered the second (an open linked to no
 * push: by profile and message) by walking every unlinked open, so loading events was quadratic
 * (1.3 million opens would not finish). Now each way is its own NOT EXISTS, the second through a
 * partial index of exactly those opens (INDEXED BY: a plan that can't use it fails loudly instead
 * of scanning). The result is the same row for every event. Which events link is compared, not
 * tested with IN: an IN list fills a temporary table on every event inserted (see migration 50).
 */
export const pushTrackingLinkByIndex: Migration = {
  version: 70,
  name: 'push tracking linked through indexes',
  sql: `
    CREATE INDEX push_interactions_unlinked_opens ON push_interactions (profile_id, message_id) WHERE kind = 'open' AND outbox_id IS NULL;
    DROP TRIGGER push_tracking_link;
    ${linkTrigger(
      `WHEN NEW.type = 'pushTracking.applicationOpened' OR NEW.type = 'pushTracking.customAction' OR NEW.type = 'pushTracking.dismissed'`,
      `             CASE WHEN k.kind != 'open' THEN 0
                  WHEN k.oid IS NOT NULL THEN NOT EXISTS (SELECT 1 FROM push_interactions p WHERE p.outbox_id = k.oid AND p.kind = 'open')
                  ELSE NOT EXISTS (SELECT 1 FROM push_interactions p INDEXED BY push_interactions_unlinked_opens
                                   WHERE p.profile_id = NEW.profile_id AND p.message_id IS k.message AND p.kind = 'open' AND p.outbox_id IS NULL) END
`,
    )}
  `,
};
