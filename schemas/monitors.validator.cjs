// GENERATED from schemas/monitors.schema.json by scripts/generate-validator.js:
// do not edit; change the schema and run `node scripts/generate-validator.js`.
"use strict";
module.exports = validate20;
module.exports.default = validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://mon.invalid/schemas/monitors.schema.json","title":"MonitorsFile","description":"A mon inventory (monitors.yaml): the entities to monitor, their HTTP endpoints and registry entries. `mon apply` makes the database match this file; `mon validate` checks it.","type":"object","additionalProperties":false,"required":["version","entities"],"properties":{"version":{"description":"Format version of this file. Required; always 1.","const":1,"default":1},"defaults":{"$ref":"#/$defs/defaults"},"include":{"description":"Other files to read, as globs relative to this file (`monitors.d/*.yaml`): each holds `entities`, and may hold `notifiers`, `maintenance` and `moved`. Only the main file has `version`, `defaults` and `include`. IDs are unique across all files. A literal path that does not exist is an error; a glob that matches nothing, a warning; a file outside the repository, an error.","type":"array","maxItems":100,"items":{"type":"string","minLength":1,"maxLength":500},"default":[]},"notifiers":{"description":"Who is told about alerts: each notifier is one destination (a Slack channel, a webhook, an ntfy topic, a PagerDuty service, an email list, an Alertmanager). Targets name them in `alert.notify`. Removing one retires it at the next apply; its delivery history is kept.","type":"array","items":{"$ref":"#/$defs/notifier"},"default":[]},"entities":{"description":"The monitored things. Required (may be empty). Removing an entity from this list retires it at the next apply; its history is kept.","type":"array","items":{"$ref":"#/$defs/entity"},"default":[]},"maintenance":{"description":"Maintenance windows: while an entity is in one, its alerts are held (not sent) and its snapshots are marked and left out of uptime, coverage and SLOs. Fixed (`start`, `end`) or recurring (`cron`, `duration`, `timezone`).","type":"array","items":{"$ref":"#/$defs/maintenance_window"},"default":[]},"moved":{"description":"Renames that keep history: apply renames the entity, endpoint or registry entry `from` to `to` in one transaction, and its snapshots, rollups and alerts follow (and an entity's endpoints and registry entries whose ids derive from its id). `from` must no longer be declared and `to` must be. Once applied, an entry is a no-op: remove it when every database has applied it.","type":"array","maxItems":1000,"items":{"$ref":"#/$defs/move"},"default":[]}},"$defs":{"defaults":{"title":"Defaults","description":"Settings that every endpoint (check) and every target (alert) inherits unless it sets its own. Default: none (the built-in defaults apply).","type":"object","additionalProperties":false,"properties":{"check":{"$ref":"#/$defs/check"},"alert":{"$ref":"#/$defs/alert"}},"default":{}},"entity":{"title":"EntitySpec","description":"One monitored thing: a service, backend, tool, gateway or registry.","type":"object","additionalProperties":false,"required":["id","type","label","owner"],"properties":{"id":{"description":"Required. The entity's ID, e.g. `mlx:8100`; endpoint and registry IDs are derived from it.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"type":{"description":"Required. What kind of thing this is.","type":"string","enum":["service","backend","tool","gateway","registry"]},"label":{"description":"Required. A human-readable name, shown by status and report.","type":"string","minLength":1},"owner":{"description":"Required. Who answers for it: a team, a person or a system. `mon check --owner` selects by it.","type":"string","minLength":1},"docs_ref":{"description":"Where its documentation is: a path or URL. Stored as written.","type":["string","null"],"default":null},"notes":{"description":"Free text for people.","type":["string","null"],"default":null},"slo":{"$ref":"#/$defs/slo"},"depends_on":{"description":"Entity ids this entity depends on: while one of them (directly or not) has an open alert, this entity's alerts are held.","type":"array","items":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"uniqueItems":true,"default":[]},"alert":{"$ref":"#/$defs/alert"},"endpoints":{"description":"HTTP endpoints that `mon check` probes.","type":"array","items":{"$ref":"#/$defs/endpoint"},"default":[]},"registry":{"description":"Registry index entries: files or URLs that `mon check` reads and parses.","type":"array","items":{"$ref":"#/$defs/registry_entry"},"default":[]}}},"endpoint":{"title":"EndpointSpec","description":"One HTTP endpoint of an entity.","type":"object","additionalProperties":false,"required":["kind","url"],"properties":{"id":{"description":"The endpoint's ID. Default: `<entity id>:<kind>`, e.g. `mlx:8100:health`. Set it when an entity has two endpoints of the same kind.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"kind":{"description":"Required. How the response is judged. health: a `status` field in a JSON body (ok/up/healthy..., warn/degraded..., fail/down...); models: an OpenAI-style model list (an empty list warns; see `check.models`); metrics: Prometheus text exposition; api: status code, latency and assertions only; mcp: a Model Context Protocol server over Streamable HTTP (initialize, tools/list, see `check.mcp`); completion: a streamed OpenAI-compatible chat completion, `url` being the full `.../v1/chat/completions` URL, latency the time to the first token (see `check.completion`; its interval is 15m unless its own `check.interval` says otherwise).","type":"string","enum":["api","health","models","metrics","mcp","completion"]},"url":{"description":"Required. An absolute http: or https: URL, without credentials (put them in a header with ${VAR}).","type":"string","minLength":1,"maxLength":2048},"method":{"description":"The HTTP method. `mcp` and `completion` speak their protocol over POST: leave it out (or write POST).","type":"string","enum":["GET","HEAD","POST"],"default":"GET"},"check":{"$ref":"#/$defs/check"},"slo":{"$ref":"#/$defs/slo"},"alert":{"$ref":"#/$defs/alert"}}},"check":{"title":"CheckSpec","description":"How an endpoint is checked. Under `defaults`, it applies to every endpoint; under an endpoint, each field it sets overrides `defaults.check` (headers merge by name; a `json` list replaces the default one). Unset fields take the built-in defaults.","type":"object","additionalProperties":false,"properties":{"status":{"description":"The status codes that count as success. null (the default) means any 2xx.","type":["array","null"],"items":{"type":"integer","minimum":100,"maximum":599},"minItems":1,"uniqueItems":true,"default":null},"degraded_after":{"description":"A response slower than this is `warn`.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$","default":"1s"},"timeout":{"description":"A hard deadline for connecting, headers and body together; past it the check is `error`. At most 1h.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$","default":"5s"},"retries":{"description":"How many times to retry after a network error or a timeout (never after an HTTP status).","type":"integer","minimum":0,"maximum":10,"default":0},"interval":{"description":"How often the endpoint should be checked: `mon check --due` checks it once its latest snapshot is this old (less a grace of 10%, at most 30s), and it is stale after 3 intervals without one. At least 10s.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$","default":"1m"},"headers":{"description":"Request headers. Write secrets as ${VAR}: they are resolved from the environment at check time and never stored. A literal credential is a warning.","type":"object","propertyNames":{"pattern":"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},"additionalProperties":{"type":"string","pattern":"^[^\\r\\n\\u0000]*$"},"default":{}},"json":{"description":"Assertions on a JSON response body; all must hold.","type":"array","items":{"$ref":"#/$defs/json_assertion"},"default":[]},"body":{"description":"The request body, sent with `method: POST`: a string as it is, an object as JSON (`Content-Type: application/json` unless a header says otherwise). `${VAR}` inside is resolved at check time and never stored. Set on an endpoint, not under `defaults`.","type":["string","object"],"maxLength":65536,"pattern":"^[^\\u0000]*$"},"mcp":{"title":"McpCheckSpec","description":"`kind: mcp` only: what the MCP server must offer.","type":"object","additionalProperties":false,"properties":{"tools":{"description":"Tool names that must be listed by `tools/list`; a missing one is `error`.","type":"array","items":{"type":"string","minLength":1,"maxLength":200},"uniqueItems":true,"maxItems":200,"default":[]},"pin_tools":{"description":"Warn once when the tool list (names and input schemas, compared by meaning) changed since the latest snapshot that read one; the detail names what was added, removed or changed.","type":"boolean","default":false}}},"models":{"title":"ModelsCheckSpec","description":"`kind: models` only: what the model list must hold.","type":"object","additionalProperties":false,"properties":{"expect":{"description":"Model ids that must be listed; a missing one is `error`, naming it.","type":"array","items":{"type":"string","minLength":1,"maxLength":500},"uniqueItems":true,"maxItems":1000,"default":[]},"changed":{"description":"A list that changed since the latest snapshot that read one: `warn` once, naming what was added and removed, or `ignore`.","type":"string","enum":["warn","ignore"],"default":"warn"}}},"completion":{"title":"CompletionCheckSpec","description":"`kind: completion` only, and required there: the streamed chat completion mon asks for.","type":"object","additionalProperties":false,"required":["model"],"properties":{"model":{"description":"Required. The model asked for; an answer from another model warns.","type":"string","minLength":1,"maxLength":500},"prompt":{"description":"The user message sent.","type":"string","minLength":1,"maxLength":4096,"default":"ping"},"max_tokens":{"description":"`max_tokens` of the request: each check costs this many tokens at most.","type":"integer","minimum":1,"maximum":4096,"default":1}}}},"default":{}},"json_assertion":{"title":"JsonAssertionSpec","description":"One assertion on the JSON body. Every operator given must hold; with none, the path must exist.","type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"description":"Required. Where in the body: dotted keys and indexes, e.g. `status`, `data.0.id` (also `data[0].id`; `$` is the whole body).","type":"string","minLength":1},"equals":{"description":"The value must equal this (any JSON value, compared deeply).","type":["string","number","boolean","null","array","object"]},"in":{"description":"The value must equal one of these.","type":"array","minItems":1},"matches":{"description":"The value must be a string matching this regular expression in RE2 syntax (run in linear time; no lookarounds or backreferences).","type":"string"},"exists":{"description":"true: the path must exist; false: it must not.","type":"boolean"},"min_items":{"description":"The value must be a list with at least this many items.","type":"integer","minimum":0},"severity":{"description":"What a failed assertion makes the check: `error`, or `warn`.","type":"string","enum":["error","warn"],"default":"error"}}},"registry_entry":{"title":"RegistrySpec","description":"A registry index entry: a file or URL that `mon check` reads and parses in its format.","type":"object","additionalProperties":false,"required":["path","authority"],"properties":{"id":{"description":"The entry's ID. Default: `registry:<entity id>`. Set it when an entity has more than one entry.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"path":{"description":"Required. A file path or an http(s) URL. Stored as written; a relative path is resolved at check time against the directory of monitors.yaml (mon check -c), or --base-dir, and must stay inside it.","type":"string","minLength":1},"authority":{"description":"Required. Who is authoritative for the registry's content.","type":"string","minLength":1},"format":{"description":"How the registry is parsed.","type":"string","enum":["json","yaml"],"default":"json"},"interval":{"description":"How often the entry should be checked, as for an endpoint's `check.interval`. At least 10s.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$","default":"1m"},"serves":{"title":"ServesSpec","description":"What the registry says each entity serves, as dotted paths into its document: `items` leads to a list; in each item, `model` to a model id and each of `entities` to the id of an entity that should list that model in its `kind: models` check (a backend's `served_by`, a gateway's `via`). The check reports a declared model an entity does not list (error) and a model an entity lists that no registry entry declares for it (warn).","type":"object","additionalProperties":false,"required":["items","model","entities"],"properties":{"items":{"description":"Required. Dotted path to the list of items: `models`, `data.models`.","type":"string","minLength":1,"maxLength":200,"pattern":"^[^.\\s]+(\\.[^.\\s]+)*$"},"model":{"description":"Required. Dotted path, in each item, to its model id: `id`.","type":"string","minLength":1,"maxLength":200,"pattern":"^[^.\\s]+(\\.[^.\\s]+)*$"},"entities":{"description":"Required. Dotted paths, in each item, to the ids of the entities that should list its model: `[served_by, via]`.","type":"array","minItems":1,"maxItems":10,"uniqueItems":true,"items":{"type":"string","minLength":1,"maxLength":200,"pattern":"^[^.\\s]+(\\.[^.\\s]+)*$"}}}},"alert":{"$ref":"#/$defs/alert"}}},"slo":{"title":"SloSpec","description":"A service level objective: the share of expected checks (from the interval, since the target was applied) that must be ok or warn over a rolling window, and optionally a p95 latency. On an entity it pools all its endpoints and registry entries; on an endpoint, that endpoint alone. Default: none.","type":"object","additionalProperties":false,"required":["target","window"],"properties":{"target":{"description":"Required. The share of expected checks that must be ok or warn: a percentage (`99.5%`) or a fraction (`0.995`); a bare number above 1 is an error.","type":["string","number"],"pattern":"^[0-9]+(\\.[0-9]+)?%$","minimum":0},"window":{"description":"Required. The rolling window the target is judged over, e.g. `30d`.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$"},"latency_p95":{"description":"The p95 latency over the window must stay under this, e.g. `800ms`. Default: no latency objective.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$"}}},"alert":{"title":"AlertSpec","description":"When a target's alert opens, reminds and resolves, and who is told. Merged key by key: built-in defaults, then `defaults.alert`, then the entity's `alert`, then the endpoint's or registry entry's.","type":"object","additionalProperties":false,"properties":{"notify":{"description":"Notifier ids (from `notifiers`) told of each open, reminder and resolve. Default: none (alerts are recorded, nobody is told).","type":"array","items":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"uniqueItems":true,"default":[]},"on":{"description":"The least status that counts as failing: `error`, or `warn` (warn and error).","type":"string","enum":["error","warn"],"default":"error"},"after":{"description":"Consecutive failing checks that open an alert. At least 1, at most 1000 (more would be no alert at all).","type":"integer","minimum":1,"maximum":1000,"default":2},"recover_after":{"description":"Consecutive passing checks that resolve an open alert. At least 1, at most 1000.","type":"integer","minimum":1,"maximum":1000,"default":1},"remind_every":{"description":"While an alert is open and not held, remind this often (counted from the last open or reminder delivered). At least 10s. Default: never.","type":["string","null"],"pattern":"^[0-9]+(ms|s|m|h|d)$","default":null}},"default":{}},"notifier":{"title":"NotifierSpec","description":"One destination for alert notifications. Each type takes its own settings (others are an error); every value may be `${VAR}`, resolved from the environment only when a notification is delivered, and stored as written. A literal secret (a password, token, signing secret, a Slack or Discord webhook URL, a PagerDuty routing key) is an error.","type":"object","additionalProperties":false,"required":["id","type"],"properties":{"id":{"description":"Required. The notifier's id, named by `alert.notify`.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"type":{"description":"Required. How notifications are delivered.","type":"string","enum":["webhook","slack","ntfy","pagerduty","email","alertmanager"]},"url":{"description":"webhook: the URL posted to; slack: the incoming webhook URL; ntfy: the server (default `https://ntfy.sh`); pagerduty: the events endpoint (default `https://events.pagerduty.com/v2/enqueue`); alertmanager: its base URL (mon posts to `/api/v2/alerts`). http or https.","type":"string","pattern":"^[^\\r\\n\\u0000]*$"},"headers":{"description":"webhook: request headers. Write credentials as ${VAR}.","type":"object","propertyNames":{"pattern":"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},"additionalProperties":{"type":"string","pattern":"^[^\\r\\n\\u0000]*$"},"default":{}},"signing_secret":{"description":"webhook: a secret (as ${VAR}) to sign each body with: `X-Mon-Signature: sha256=<HMAC-SHA256 of timestamp.body>` and `X-Mon-Timestamp`.","type":"string","pattern":"^[^\\r\\n\\u0000]*$"},"topic":{"description":"ntfy: the topic posted to. Required for ntfy.","type":"string","pattern":"^[^\\r\\n\\u0000]*$","minLength":1},"token":{"description":"ntfy: an access token (as ${VAR}), sent as `Authorization: Bearer`.","type":"string","pattern":"^[^\\r\\n\\u0000]*$"},"routing_key":{"description":"pagerduty: the integration's routing key (as ${VAR}). Required for pagerduty.","type":"string","pattern":"^[^\\r\\n\\u0000]*$","minLength":1},"host":{"description":"email: the SMTP server. Required for email.","type":"string","pattern":"^[^\\r\\n\\u0000]*$","minLength":1},"port":{"description":"email: the SMTP port.","type":"integer","minimum":1,"maximum":65535,"default":587},"username":{"description":"email: the SMTP user; with `password`, mon authenticates.","type":"string","pattern":"^[^\\r\\n\\u0000]*$"},"password":{"description":"email: the SMTP password (as ${VAR}).","type":"string","pattern":"^[^\\r\\n\\u0000]*$"},"from":{"description":"email: the sender address. Required for email.","type":"string","pattern":"^[^\\r\\n\\u0000]*$","minLength":1},"to":{"description":"email: the recipients. Required for email.","type":"array","items":{"type":"string","minLength":1,"pattern":"^[^\\r\\n\\u0000]*$"},"minItems":1},"tls":{"description":"email: `starttls` (upgrade, required), `tls` (TLS from the start, port 465) or `none`.","type":"string","enum":["starttls","tls","none"],"default":"starttls"}}},"maintenance_window":{"title":"MaintenanceSpec","description":"A window in which the named entities' alerts are held and their snapshots marked: recurring (`cron` and `duration`, in `timezone`) or fixed (`start` and `end`).","type":"object","additionalProperties":false,"required":["id","entities"],"properties":{"id":{"description":"Required. The window's id.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"entities":{"description":"Required. The entity ids it covers.","type":"array","items":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"minItems":1,"uniqueItems":true},"cron":{"description":"A five-field cron expression (minute hour day month weekday) for when a recurring window starts, read in `timezone`. With `duration`.","type":"string","pattern":"^[^\\r\\n\\u0000]*$","minLength":1},"duration":{"description":"How long each occurrence of a recurring window lasts, e.g. `30m`.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$"},"timezone":{"description":"The IANA time zone the cron is read in, e.g. `Europe/Berlin`.","type":"string","pattern":"^[^\\r\\n\\u0000]*$","default":"UTC"},"start":{"description":"A fixed window's start: an ISO 8601 time with a zone, e.g. `2026-12-05T22:00:00Z`.","type":"string","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$"},"end":{"description":"A fixed window's end (not included).","type":"string","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$"},"reason":{"description":"Why, for people (shown by `mon maintenance list`). At most 500 characters.","type":["string","null"],"maxLength":500,"default":null}}},"move":{"type":"object","additionalProperties":false,"required":["from","to"],"description":"One rename: the old id and the new one (an entity, endpoint or registry entry id).","properties":{"from":{"description":"Required. The id as the database holds it now.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"to":{"description":"Required. The id the file declares now.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200}}}}};
const schema36 = {"title":"NotifierSpec","description":"One destination for alert notifications. Each type takes its own settings (others are an error); every value may be `${VAR}`, resolved from the environment only when a notification is delivered, and stored as written. A literal secret (a password, token, signing secret, a Slack or Discord webhook URL, a PagerDuty routing key) is an error.","type":"object","additionalProperties":false,"required":["id","type"],"properties":{"id":{"description":"Required. The notifier's id, named by `alert.notify`.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"type":{"description":"Required. How notifications are delivered.","type":"string","enum":["webhook","slack","ntfy","pagerduty","email","alertmanager"]},"url":{"description":"webhook: the URL posted to; slack: the incoming webhook URL; ntfy: the server (default `https://ntfy.sh`); pagerduty: the events endpoint (default `https://events.pagerduty.com/v2/enqueue`); alertmanager: its base URL (mon posts to `/api/v2/alerts`). http or https.","type":"string","pattern":"^[^\\r\\n\\u0000]*$"},"headers":{"description":"webhook: request headers. Write credentials as ${VAR}.","type":"object","propertyNames":{"pattern":"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},"additionalProperties":{"type":"string","pattern":"^[^\\r\\n\\u0000]*$"},"default":{}},"signing_secret":{"description":"webhook: a secret (as ${VAR}) to sign each body with: `X-Mon-Signature: sha256=<HMAC-SHA256 of timestamp.body>` and `X-Mon-Timestamp`.","type":"string","pattern":"^[^\\r\\n\\u0000]*$"},"topic":{"description":"ntfy: the topic posted to. Required for ntfy.","type":"string","pattern":"^[^\\r\\n\\u0000]*$","minLength":1},"token":{"description":"ntfy: an access token (as ${VAR}), sent as `Authorization: Bearer`.","type":"string","pattern":"^[^\\r\\n\\u0000]*$"},"routing_key":{"description":"pagerduty: the integration's routing key (as ${VAR}). Required for pagerduty.","type":"string","pattern":"^[^\\r\\n\\u0000]*$","minLength":1},"host":{"description":"email: the SMTP server. Required for email.","type":"string","pattern":"^[^\\r\\n\\u0000]*$","minLength":1},"port":{"description":"email: the SMTP port.","type":"integer","minimum":1,"maximum":65535,"default":587},"username":{"description":"email: the SMTP user; with `password`, mon authenticates.","type":"string","pattern":"^[^\\r\\n\\u0000]*$"},"password":{"description":"email: the SMTP password (as ${VAR}).","type":"string","pattern":"^[^\\r\\n\\u0000]*$"},"from":{"description":"email: the sender address. Required for email.","type":"string","pattern":"^[^\\r\\n\\u0000]*$","minLength":1},"to":{"description":"email: the recipients. Required for email.","type":"array","items":{"type":"string","minLength":1,"pattern":"^[^\\r\\n\\u0000]*$"},"minItems":1},"tls":{"description":"email: `starttls` (upgrade, required), `tls` (TLS from the start, port 465) or `none`.","type":"string","enum":["starttls","tls","none"],"default":"starttls"}}};
const schema45 = {"title":"MaintenanceSpec","description":"A window in which the named entities' alerts are held and their snapshots marked: recurring (`cron` and `duration`, in `timezone`) or fixed (`start` and `end`).","type":"object","additionalProperties":false,"required":["id","entities"],"properties":{"id":{"description":"Required. The window's id.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"entities":{"description":"Required. The entity ids it covers.","type":"array","items":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"minItems":1,"uniqueItems":true},"cron":{"description":"A five-field cron expression (minute hour day month weekday) for when a recurring window starts, read in `timezone`. With `duration`.","type":"string","pattern":"^[^\\r\\n\\u0000]*$","minLength":1},"duration":{"description":"How long each occurrence of a recurring window lasts, e.g. `30m`.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$"},"timezone":{"description":"The IANA time zone the cron is read in, e.g. `Europe/Berlin`.","type":"string","pattern":"^[^\\r\\n\\u0000]*$","default":"UTC"},"start":{"description":"A fixed window's start: an ISO 8601 time with a zone, e.g. `2026-12-05T22:00:00Z`.","type":"string","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$"},"end":{"description":"A fixed window's end (not included).","type":"string","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$"},"reason":{"description":"Why, for people (shown by `mon maintenance list`). At most 500 characters.","type":["string","null"],"maxLength":500,"default":null}}};
const schema46 = {"type":"object","additionalProperties":false,"required":["from","to"],"description":"One rename: the old id and the new one (an entity, endpoint or registry entry id).","properties":{"from":{"description":"Required. The id as the database holds it now.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"to":{"description":"Required. The id the file declares now.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200}}};
const schema32 = {"title":"Defaults","description":"Settings that every endpoint (check) and every target (alert) inherits unless it sets its own. Default: none (the built-in defaults apply).","type":"object","additionalProperties":false,"properties":{"check":{"$ref":"#/$defs/check"},"alert":{"$ref":"#/$defs/alert"}},"default":{}};
const schema35 = {"title":"AlertSpec","description":"When a target's alert opens, reminds and resolves, and who is told. Merged key by key: built-in defaults, then `defaults.alert`, then the entity's `alert`, then the endpoint's or registry entry's.","type":"object","additionalProperties":false,"properties":{"notify":{"description":"Notifier ids (from `notifiers`) told of each open, reminder and resolve. Default: none (alerts are recorded, nobody is told).","type":"array","items":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"uniqueItems":true,"default":[]},"on":{"description":"The least status that counts as failing: `error`, or `warn` (warn and error).","type":"string","enum":["error","warn"],"default":"error"},"after":{"description":"Consecutive failing checks that open an alert. At least 1, at most 1000 (more would be no alert at all).","type":"integer","minimum":1,"maximum":1000,"default":2},"recover_after":{"description":"Consecutive passing checks that resolve an open alert. At least 1, at most 1000.","type":"integer","minimum":1,"maximum":1000,"default":1},"remind_every":{"description":"While an alert is open and not held, remind this often (counted from the last open or reminder delivered). At least 10s. Default: never.","type":["string","null"],"pattern":"^[0-9]+(ms|s|m|h|d)$","default":null}},"default":{}};
const schema33 = {"title":"CheckSpec","description":"How an endpoint is checked. Under `defaults`, it applies to every endpoint; under an endpoint, each field it sets overrides `defaults.check` (headers merge by name; a `json` list replaces the default one). Unset fields take the built-in defaults.","type":"object","additionalProperties":false,"properties":{"status":{"description":"The status codes that count as success. null (the default) means any 2xx.","type":["array","null"],"items":{"type":"integer","minimum":100,"maximum":599},"minItems":1,"uniqueItems":true,"default":null},"degraded_after":{"description":"A response slower than this is `warn`.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$","default":"1s"},"timeout":{"description":"A hard deadline for connecting, headers and body together; past it the check is `error`. At most 1h.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$","default":"5s"},"retries":{"description":"How many times to retry after a network error or a timeout (never after an HTTP status).","type":"integer","minimum":0,"maximum":10,"default":0},"interval":{"description":"How often the endpoint should be checked: `mon check --due` checks it once its latest snapshot is this old (less a grace of 10%, at most 30s), and it is stale after 3 intervals without one. At least 10s.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$","default":"1m"},"headers":{"description":"Request headers. Write secrets as ${VAR}: they are resolved from the environment at check time and never stored. A literal credential is a warning.","type":"object","propertyNames":{"pattern":"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},"additionalProperties":{"type":"string","pattern":"^[^\\r\\n\\u0000]*$"},"default":{}},"json":{"description":"Assertions on a JSON response body; all must hold.","type":"array","items":{"$ref":"#/$defs/json_assertion"},"default":[]},"body":{"description":"The request body, sent with `method: POST`: a string as it is, an object as JSON (`Content-Type: application/json` unless a header says otherwise). `${VAR}` inside is resolved at check time and never stored. Set on an endpoint, not under `defaults`.","type":["string","object"],"maxLength":65536,"pattern":"^[^\\u0000]*$"},"mcp":{"title":"McpCheckSpec","description":"`kind: mcp` only: what the MCP server must offer.","type":"object","additionalProperties":false,"properties":{"tools":{"description":"Tool names that must be listed by `tools/list`; a missing one is `error`.","type":"array","items":{"type":"string","minLength":1,"maxLength":200},"uniqueItems":true,"maxItems":200,"default":[]},"pin_tools":{"description":"Warn once when the tool list (names and input schemas, compared by meaning) changed since the latest snapshot that read one; the detail names what was added, removed or changed.","type":"boolean","default":false}}},"models":{"title":"ModelsCheckSpec","description":"`kind: models` only: what the model list must hold.","type":"object","additionalProperties":false,"properties":{"expect":{"description":"Model ids that must be listed; a missing one is `error`, naming it.","type":"array","items":{"type":"string","minLength":1,"maxLength":500},"uniqueItems":true,"maxItems":1000,"default":[]},"changed":{"description":"A list that changed since the latest snapshot that read one: `warn` once, naming what was added and removed, or `ignore`.","type":"string","enum":["warn","ignore"],"default":"warn"}}},"completion":{"title":"CompletionCheckSpec","description":"`kind: completion` only, and required there: the streamed chat completion mon asks for.","type":"object","additionalProperties":false,"required":["model"],"properties":{"model":{"description":"Required. The model asked for; an answer from another model warns.","type":"string","minLength":1,"maxLength":500},"prompt":{"description":"The user message sent.","type":"string","minLength":1,"maxLength":4096,"default":"ping"},"max_tokens":{"description":"`max_tokens` of the request: each check costs this many tokens at most.","type":"integer","minimum":1,"maximum":4096,"default":1}}}},"default":{}};
const schema34 = {"title":"JsonAssertionSpec","description":"One assertion on the JSON body. Every operator given must hold; with none, the path must exist.","type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"description":"Required. Where in the body: dotted keys and indexes, e.g. `status`, `data.0.id` (also `data[0].id`; `$` is the whole body).","type":"string","minLength":1},"equals":{"description":"The value must equal this (any JSON value, compared deeply).","type":["string","number","boolean","null","array","object"]},"in":{"description":"The value must equal one of these.","type":"array","minItems":1},"matches":{"description":"The value must be a string matching this regular expression in RE2 syntax (run in linear time; no lookarounds or backreferences).","type":"string"},"exists":{"description":"true: the path must exist; false: it must not.","type":"boolean"},"min_items":{"description":"The value must be a list with at least this many items.","type":"integer","minimum":0},"severity":{"description":"What a failed assertion makes the check: `error`, or `warn`.","type":"string","enum":["error","warn"],"default":"error"}}};
const func1 = Object.prototype.hasOwnProperty;
const func2 = require("ajv/dist/runtime/ucs2length").default;
const pattern4 = new RegExp("^[0-9]+(ms|s|m|h|d)$", "u");
const pattern7 = new RegExp("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", "u");
const pattern8 = new RegExp("^[^\\r\\n\\u0000]*$", "u");
const pattern9 = new RegExp("^[^\\u0000]*$", "u");

function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate22.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func1.call(schema33.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.status !== undefined){
let data0 = data.status;
if((!(Array.isArray(data0))) && (data0 !== null)){
const err1 = {instancePath:instancePath+"/status",schemaPath:"#/properties/status/type",keyword:"type",params:{type: schema33.properties.status.type},message:"must be array,null"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(Array.isArray(data0)){
if(data0.length < 1){
const err2 = {instancePath:instancePath+"/status",schemaPath:"#/properties/status/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/status/" + i0,schemaPath:"#/properties/status/items/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 599 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/status/" + i0,schemaPath:"#/properties/status/items/maximum",keyword:"maximum",params:{comparison: "<=", limit: 599},message:"must be <= 599"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data1 < 100 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/status/" + i0,schemaPath:"#/properties/status/items/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
let i1 = data0.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data0[i1];
if(!(((typeof item0 == "number") && (!(item0 % 1) && !isNaN(item0))) && (isFinite(item0)))){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err6 = {instancePath:instancePath+"/status",schemaPath:"#/properties/status/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
}
if(data.degraded_after !== undefined){
let data2 = data.degraded_after;
if(typeof data2 === "string"){
if(!pattern4.test(data2)){
const err7 = {instancePath:instancePath+"/degraded_after",schemaPath:"#/properties/degraded_after/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h|d)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h|d)$"+"\""};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/degraded_after",schemaPath:"#/properties/degraded_after/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.timeout !== undefined){
let data3 = data.timeout;
if(typeof data3 === "string"){
if(!pattern4.test(data3)){
const err9 = {instancePath:instancePath+"/timeout",schemaPath:"#/properties/timeout/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h|d)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h|d)$"+"\""};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/timeout",schemaPath:"#/properties/timeout/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.retries !== undefined){
let data4 = data.retries;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err11 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 10 || isNaN(data4)){
const err12 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10},message:"must be <= 10"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data4 < 0 || isNaN(data4)){
const err13 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
if(data.interval !== undefined){
let data5 = data.interval;
if(typeof data5 === "string"){
if(!pattern4.test(data5)){
const err14 = {instancePath:instancePath+"/interval",schemaPath:"#/properties/interval/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h|d)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h|d)$"+"\""};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/interval",schemaPath:"#/properties/interval/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.headers !== undefined){
let data6 = data.headers;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(const key1 in data6){
const _errs16 = errors;
if(typeof key1 === "string"){
if(!pattern7.test(key1)){
const err16 = {instancePath:instancePath+"/headers",schemaPath:"#/properties/headers/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},message:"must match pattern \""+"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"+"\"",propertyName:key1};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
var valid4 = _errs16 === errors;
if(!valid4){
const err17 = {instancePath:instancePath+"/headers",schemaPath:"#/properties/headers/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
for(const key2 in data6){
let data7 = data6[key2];
if(typeof data7 === "string"){
if(!pattern8.test(data7)){
const err18 = {instancePath:instancePath+"/headers/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/headers/additionalProperties/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]*$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/headers/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/headers/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/headers",schemaPath:"#/properties/headers/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.json !== undefined){
let data8 = data.json;
if(Array.isArray(data8)){
const len1 = data8.length;
for(let i2=0; i2<len1; i2++){
let data9 = data8[i2];
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.path === undefined){
const err21 = {instancePath:instancePath+"/json/" + i2,schemaPath:"#/$defs/json_assertion/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
for(const key3 in data9){
if(!(((((((key3 === "path") || (key3 === "equals")) || (key3 === "in")) || (key3 === "matches")) || (key3 === "exists")) || (key3 === "min_items")) || (key3 === "severity"))){
const err22 = {instancePath:instancePath+"/json/" + i2,schemaPath:"#/$defs/json_assertion/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data9.path !== undefined){
let data10 = data9.path;
if(typeof data10 === "string"){
if(func2(data10) < 1){
const err23 = {instancePath:instancePath+"/json/" + i2+"/path",schemaPath:"#/$defs/json_assertion/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/json/" + i2+"/path",schemaPath:"#/$defs/json_assertion/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data9.equals !== undefined){
let data11 = data9.equals;
if((((typeof data11 != "object") && (typeof data11 !== "string")) && (!((typeof data11 == "number") && (isFinite(data11))))) && (typeof data11 !== "boolean")){
const err25 = {instancePath:instancePath+"/json/" + i2+"/equals",schemaPath:"#/$defs/json_assertion/properties/equals/type",keyword:"type",params:{type: schema34.properties.equals.type},message:"must be string,number,boolean,null,array,object"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data9.in !== undefined){
let data12 = data9.in;
if(Array.isArray(data12)){
if(data12.length < 1){
const err26 = {instancePath:instancePath+"/json/" + i2+"/in",schemaPath:"#/$defs/json_assertion/properties/in/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/json/" + i2+"/in",schemaPath:"#/$defs/json_assertion/properties/in/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data9.matches !== undefined){
if(typeof data9.matches !== "string"){
const err28 = {instancePath:instancePath+"/json/" + i2+"/matches",schemaPath:"#/$defs/json_assertion/properties/matches/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data9.exists !== undefined){
if(typeof data9.exists !== "boolean"){
const err29 = {instancePath:instancePath+"/json/" + i2+"/exists",schemaPath:"#/$defs/json_assertion/properties/exists/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data9.min_items !== undefined){
let data15 = data9.min_items;
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err30 = {instancePath:instancePath+"/json/" + i2+"/min_items",schemaPath:"#/$defs/json_assertion/properties/min_items/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 < 0 || isNaN(data15)){
const err31 = {instancePath:instancePath+"/json/" + i2+"/min_items",schemaPath:"#/$defs/json_assertion/properties/min_items/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
if(data9.severity !== undefined){
let data16 = data9.severity;
if(typeof data16 !== "string"){
const err32 = {instancePath:instancePath+"/json/" + i2+"/severity",schemaPath:"#/$defs/json_assertion/properties/severity/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(!((data16 === "error") || (data16 === "warn"))){
const err33 = {instancePath:instancePath+"/json/" + i2+"/severity",schemaPath:"#/$defs/json_assertion/properties/severity/enum",keyword:"enum",params:{allowedValues: schema34.properties.severity.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
else {
const err34 = {instancePath:instancePath+"/json/" + i2,schemaPath:"#/$defs/json_assertion/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath:instancePath+"/json",schemaPath:"#/properties/json/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data.body !== undefined){
let data17 = data.body;
if((typeof data17 !== "string") && (!(data17 && typeof data17 == "object" && !Array.isArray(data17)))){
const err36 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/type",keyword:"type",params:{type: schema33.properties.body.type},message:"must be string,object"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(typeof data17 === "string"){
if(func2(data17) > 65536){
const err37 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/maxLength",keyword:"maxLength",params:{limit: 65536},message:"must NOT have more than 65536 characters"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(!pattern9.test(data17)){
const err38 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/pattern",keyword:"pattern",params:{pattern: "^[^\\u0000]*$"},message:"must match pattern \""+"^[^\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
if(data.mcp !== undefined){
let data18 = data.mcp;
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
for(const key4 in data18){
if(!((key4 === "tools") || (key4 === "pin_tools"))){
const err39 = {instancePath:instancePath+"/mcp",schemaPath:"#/properties/mcp/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data18.tools !== undefined){
let data19 = data18.tools;
if(Array.isArray(data19)){
if(data19.length > 200){
const err40 = {instancePath:instancePath+"/mcp/tools",schemaPath:"#/properties/mcp/properties/tools/maxItems",keyword:"maxItems",params:{limit: 200},message:"must NOT have more than 200 items"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
const len2 = data19.length;
for(let i3=0; i3<len2; i3++){
let data20 = data19[i3];
if(typeof data20 === "string"){
if(func2(data20) > 200){
const err41 = {instancePath:instancePath+"/mcp/tools/" + i3,schemaPath:"#/properties/mcp/properties/tools/items/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(func2(data20) < 1){
const err42 = {instancePath:instancePath+"/mcp/tools/" + i3,schemaPath:"#/properties/mcp/properties/tools/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
else {
const err43 = {instancePath:instancePath+"/mcp/tools/" + i3,schemaPath:"#/properties/mcp/properties/tools/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
let i4 = data19.length;
let j1;
if(i4 > 1){
const indices1 = {};
for(;i4--;){
let item1 = data19[i4];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err44 = {instancePath:instancePath+"/mcp/tools",schemaPath:"#/properties/mcp/properties/tools/uniqueItems",keyword:"uniqueItems",params:{i: i4, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i4+" are identical)"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
break;
}
indices1[item1] = i4;
}
}
}
else {
const err45 = {instancePath:instancePath+"/mcp/tools",schemaPath:"#/properties/mcp/properties/tools/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data18.pin_tools !== undefined){
if(typeof data18.pin_tools !== "boolean"){
const err46 = {instancePath:instancePath+"/mcp/pin_tools",schemaPath:"#/properties/mcp/properties/pin_tools/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
}
else {
const err47 = {instancePath:instancePath+"/mcp",schemaPath:"#/properties/mcp/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data.models !== undefined){
let data22 = data.models;
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
for(const key5 in data22){
if(!((key5 === "expect") || (key5 === "changed"))){
const err48 = {instancePath:instancePath+"/models",schemaPath:"#/properties/models/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data22.expect !== undefined){
let data23 = data22.expect;
if(Array.isArray(data23)){
if(data23.length > 1000){
const err49 = {instancePath:instancePath+"/models/expect",schemaPath:"#/properties/models/properties/expect/maxItems",keyword:"maxItems",params:{limit: 1000},message:"must NOT have more than 1000 items"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
const len3 = data23.length;
for(let i5=0; i5<len3; i5++){
let data24 = data23[i5];
if(typeof data24 === "string"){
if(func2(data24) > 500){
const err50 = {instancePath:instancePath+"/models/expect/" + i5,schemaPath:"#/properties/models/properties/expect/items/maxLength",keyword:"maxLength",params:{limit: 500},message:"must NOT have more than 500 characters"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
if(func2(data24) < 1){
const err51 = {instancePath:instancePath+"/models/expect/" + i5,schemaPath:"#/properties/models/properties/expect/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
else {
const err52 = {instancePath:instancePath+"/models/expect/" + i5,schemaPath:"#/properties/models/properties/expect/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
let i6 = data23.length;
let j2;
if(i6 > 1){
const indices2 = {};
for(;i6--;){
let item2 = data23[i6];
if(typeof item2 !== "string"){
continue;
}
if(typeof indices2[item2] == "number"){
j2 = indices2[item2];
const err53 = {instancePath:instancePath+"/models/expect",schemaPath:"#/properties/models/properties/expect/uniqueItems",keyword:"uniqueItems",params:{i: i6, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i6+" are identical)"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
break;
}
indices2[item2] = i6;
}
}
}
else {
const err54 = {instancePath:instancePath+"/models/expect",schemaPath:"#/properties/models/properties/expect/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data22.changed !== undefined){
let data25 = data22.changed;
if(typeof data25 !== "string"){
const err55 = {instancePath:instancePath+"/models/changed",schemaPath:"#/properties/models/properties/changed/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if(!((data25 === "warn") || (data25 === "ignore"))){
const err56 = {instancePath:instancePath+"/models/changed",schemaPath:"#/properties/models/properties/changed/enum",keyword:"enum",params:{allowedValues: schema33.properties.models.properties.changed.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
}
else {
const err57 = {instancePath:instancePath+"/models",schemaPath:"#/properties/models/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data.completion !== undefined){
let data26 = data.completion;
if(data26 && typeof data26 == "object" && !Array.isArray(data26)){
if(data26.model === undefined){
const err58 = {instancePath:instancePath+"/completion",schemaPath:"#/properties/completion/required",keyword:"required",params:{missingProperty: "model"},message:"must have required property '"+"model"+"'"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
for(const key6 in data26){
if(!(((key6 === "model") || (key6 === "prompt")) || (key6 === "max_tokens"))){
const err59 = {instancePath:instancePath+"/completion",schemaPath:"#/properties/completion/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data26.model !== undefined){
let data27 = data26.model;
if(typeof data27 === "string"){
if(func2(data27) > 500){
const err60 = {instancePath:instancePath+"/completion/model",schemaPath:"#/properties/completion/properties/model/maxLength",keyword:"maxLength",params:{limit: 500},message:"must NOT have more than 500 characters"};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if(func2(data27) < 1){
const err61 = {instancePath:instancePath+"/completion/model",schemaPath:"#/properties/completion/properties/model/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
else {
const err62 = {instancePath:instancePath+"/completion/model",schemaPath:"#/properties/completion/properties/model/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data26.prompt !== undefined){
let data28 = data26.prompt;
if(typeof data28 === "string"){
if(func2(data28) > 4096){
const err63 = {instancePath:instancePath+"/completion/prompt",schemaPath:"#/properties/completion/properties/prompt/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
if(func2(data28) < 1){
const err64 = {instancePath:instancePath+"/completion/prompt",schemaPath:"#/properties/completion/properties/prompt/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
else {
const err65 = {instancePath:instancePath+"/completion/prompt",schemaPath:"#/properties/completion/properties/prompt/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data26.max_tokens !== undefined){
let data29 = data26.max_tokens;
if(!(((typeof data29 == "number") && (!(data29 % 1) && !isNaN(data29))) && (isFinite(data29)))){
const err66 = {instancePath:instancePath+"/completion/max_tokens",schemaPath:"#/properties/completion/properties/max_tokens/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
if((typeof data29 == "number") && (isFinite(data29))){
if(data29 > 4096 || isNaN(data29)){
const err67 = {instancePath:instancePath+"/completion/max_tokens",schemaPath:"#/properties/completion/properties/max_tokens/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4096},message:"must be <= 4096"};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
if(data29 < 1 || isNaN(data29)){
const err68 = {instancePath:instancePath+"/completion/max_tokens",schemaPath:"#/properties/completion/properties/max_tokens/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
}
}
else {
const err69 = {instancePath:instancePath+"/completion",schemaPath:"#/properties/completion/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
else {
const err70 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}
validate22.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const pattern10 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._:/@-]*$", "u");

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((key0 === "check") || (key0 === "alert"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.check !== undefined){
if(!(validate22(data.check, {instancePath:instancePath+"/check",parentData:data,parentDataProperty:"check",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.alert !== undefined){
let data1 = data.alert;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
if(!(((((key1 === "notify") || (key1 === "on")) || (key1 === "after")) || (key1 === "recover_after")) || (key1 === "remind_every"))){
const err1 = {instancePath:instancePath+"/alert",schemaPath:"#/$defs/alert/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data1.notify !== undefined){
let data2 = data1.notify;
if(Array.isArray(data2)){
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(typeof data3 === "string"){
if(func2(data3) > 200){
const err2 = {instancePath:instancePath+"/alert/notify/" + i0,schemaPath:"#/$defs/alert/properties/notify/items/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!pattern10.test(data3)){
const err3 = {instancePath:instancePath+"/alert/notify/" + i0,schemaPath:"#/$defs/alert/properties/notify/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"+"\""};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/alert/notify/" + i0,schemaPath:"#/$defs/alert/properties/notify/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
let i1 = data2.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data2[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err5 = {instancePath:instancePath+"/alert/notify",schemaPath:"#/$defs/alert/properties/notify/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err6 = {instancePath:instancePath+"/alert/notify",schemaPath:"#/$defs/alert/properties/notify/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data1.on !== undefined){
let data4 = data1.on;
if(typeof data4 !== "string"){
const err7 = {instancePath:instancePath+"/alert/on",schemaPath:"#/$defs/alert/properties/on/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!((data4 === "error") || (data4 === "warn"))){
const err8 = {instancePath:instancePath+"/alert/on",schemaPath:"#/$defs/alert/properties/on/enum",keyword:"enum",params:{allowedValues: schema35.properties.on.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data1.after !== undefined){
let data5 = data1.after;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err9 = {instancePath:instancePath+"/alert/after",schemaPath:"#/$defs/alert/properties/after/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 > 1000 || isNaN(data5)){
const err10 = {instancePath:instancePath+"/alert/after",schemaPath:"#/$defs/alert/properties/after/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data5 < 1 || isNaN(data5)){
const err11 = {instancePath:instancePath+"/alert/after",schemaPath:"#/$defs/alert/properties/after/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
if(data1.recover_after !== undefined){
let data6 = data1.recover_after;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err12 = {instancePath:instancePath+"/alert/recover_after",schemaPath:"#/$defs/alert/properties/recover_after/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 > 1000 || isNaN(data6)){
const err13 = {instancePath:instancePath+"/alert/recover_after",schemaPath:"#/$defs/alert/properties/recover_after/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data6 < 1 || isNaN(data6)){
const err14 = {instancePath:instancePath+"/alert/recover_after",schemaPath:"#/$defs/alert/properties/recover_after/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
if(data1.remind_every !== undefined){
let data7 = data1.remind_every;
if((typeof data7 !== "string") && (data7 !== null)){
const err15 = {instancePath:instancePath+"/alert/remind_every",schemaPath:"#/$defs/alert/properties/remind_every/type",keyword:"type",params:{type: schema35.properties.remind_every.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(typeof data7 === "string"){
if(!pattern4.test(data7)){
const err16 = {instancePath:instancePath+"/alert/remind_every",schemaPath:"#/$defs/alert/properties/remind_every/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h|d)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h|d)$"+"\""};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
}
else {
const err17 = {instancePath:instancePath+"/alert",schemaPath:"#/$defs/alert/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema37 = {"title":"EntitySpec","description":"One monitored thing: a service, backend, tool, gateway or registry.","type":"object","additionalProperties":false,"required":["id","type","label","owner"],"properties":{"id":{"description":"Required. The entity's ID, e.g. `mlx:8100`; endpoint and registry IDs are derived from it.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"type":{"description":"Required. What kind of thing this is.","type":"string","enum":["service","backend","tool","gateway","registry"]},"label":{"description":"Required. A human-readable name, shown by status and report.","type":"string","minLength":1},"owner":{"description":"Required. Who answers for it: a team, a person or a system. `mon check --owner` selects by it.","type":"string","minLength":1},"docs_ref":{"description":"Where its documentation is: a path or URL. Stored as written.","type":["string","null"],"default":null},"notes":{"description":"Free text for people.","type":["string","null"],"default":null},"slo":{"$ref":"#/$defs/slo"},"depends_on":{"description":"Entity ids this entity depends on: while one of them (directly or not) has an open alert, this entity's alerts are held.","type":"array","items":{"type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"uniqueItems":true,"default":[]},"alert":{"$ref":"#/$defs/alert"},"endpoints":{"description":"HTTP endpoints that `mon check` probes.","type":"array","items":{"$ref":"#/$defs/endpoint"},"default":[]},"registry":{"description":"Registry index entries: files or URLs that `mon check` reads and parses.","type":"array","items":{"$ref":"#/$defs/registry_entry"},"default":[]}}};
const schema38 = {"title":"SloSpec","description":"A service level objective: the share of expected checks (from the interval, since the target was applied) that must be ok or warn over a rolling window, and optionally a p95 latency. On an entity it pools all its endpoints and registry entries; on an endpoint, that endpoint alone. Default: none.","type":"object","additionalProperties":false,"required":["target","window"],"properties":{"target":{"description":"Required. The share of expected checks that must be ok or warn: a percentage (`99.5%`) or a fraction (`0.995`); a bare number above 1 is an error.","type":["string","number"],"pattern":"^[0-9]+(\\.[0-9]+)?%$","minimum":0},"window":{"description":"Required. The rolling window the target is judged over, e.g. `30d`.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$"},"latency_p95":{"description":"The p95 latency over the window must stay under this, e.g. `800ms`. Default: no latency objective.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$"}}};
const pattern26 = new RegExp("^[0-9]+(\\.[0-9]+)?%$", "u");
const schema40 = {"title":"EndpointSpec","description":"One HTTP endpoint of an entity.","type":"object","additionalProperties":false,"required":["kind","url"],"properties":{"id":{"description":"The endpoint's ID. Default: `<entity id>:<kind>`, e.g. `mlx:8100:health`. Set it when an entity has two endpoints of the same kind.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"kind":{"description":"Required. How the response is judged. health: a `status` field in a JSON body (ok/up/healthy..., warn/degraded..., fail/down...); models: an OpenAI-style model list (an empty list warns; see `check.models`); metrics: Prometheus text exposition; api: status code, latency and assertions only; mcp: a Model Context Protocol server over Streamable HTTP (initialize, tools/list, see `check.mcp`); completion: a streamed OpenAI-compatible chat completion, `url` being the full `.../v1/chat/completions` URL, latency the time to the first token (see `check.completion`; its interval is 15m unless its own `check.interval` says otherwise).","type":"string","enum":["api","health","models","metrics","mcp","completion"]},"url":{"description":"Required. An absolute http: or https: URL, without credentials (put them in a header with ${VAR}).","type":"string","minLength":1,"maxLength":2048},"method":{"description":"The HTTP method. `mcp` and `completion` speak their protocol over POST: leave it out (or write POST).","type":"string","enum":["GET","HEAD","POST"],"default":"GET"},"check":{"$ref":"#/$defs/check"},"slo":{"$ref":"#/$defs/slo"},"alert":{"$ref":"#/$defs/alert"}}};

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate26.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.url === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "id") || (key0 === "kind")) || (key0 === "url")) || (key0 === "method")) || (key0 === "check")) || (key0 === "slo")) || (key0 === "alert"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 === "string"){
if(func2(data0) > 200){
const err3 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern10.test(data0)){
const err4 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if(typeof data1 !== "string"){
const err6 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!((((((data1 === "api") || (data1 === "health")) || (data1 === "models")) || (data1 === "metrics")) || (data1 === "mcp")) || (data1 === "completion"))){
const err7 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema40.properties.kind.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.url !== undefined){
let data2 = data.url;
if(typeof data2 === "string"){
if(func2(data2) > 2048){
const err8 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(func2(data2) < 1){
const err9 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.method !== undefined){
let data3 = data.method;
if(typeof data3 !== "string"){
const err11 = {instancePath:instancePath+"/method",schemaPath:"#/properties/method/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(!(((data3 === "GET") || (data3 === "HEAD")) || (data3 === "POST"))){
const err12 = {instancePath:instancePath+"/method",schemaPath:"#/properties/method/enum",keyword:"enum",params:{allowedValues: schema40.properties.method.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.check !== undefined){
if(!(validate22(data.check, {instancePath:instancePath+"/check",parentData:data,parentDataProperty:"check",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.slo !== undefined){
let data5 = data.slo;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.target === undefined){
const err13 = {instancePath:instancePath+"/slo",schemaPath:"#/$defs/slo/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data5.window === undefined){
const err14 = {instancePath:instancePath+"/slo",schemaPath:"#/$defs/slo/required",keyword:"required",params:{missingProperty: "window"},message:"must have required property '"+"window"+"'"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
for(const key1 in data5){
if(!(((key1 === "target") || (key1 === "window")) || (key1 === "latency_p95"))){
const err15 = {instancePath:instancePath+"/slo",schemaPath:"#/$defs/slo/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data5.target !== undefined){
let data6 = data5.target;
if((typeof data6 !== "string") && (!((typeof data6 == "number") && (isFinite(data6))))){
const err16 = {instancePath:instancePath+"/slo/target",schemaPath:"#/$defs/slo/properties/target/type",keyword:"type",params:{type: schema38.properties.target.type},message:"must be string,number"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 < 0 || isNaN(data6)){
const err17 = {instancePath:instancePath+"/slo/target",schemaPath:"#/$defs/slo/properties/target/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(typeof data6 === "string"){
if(!pattern26.test(data6)){
const err18 = {instancePath:instancePath+"/slo/target",schemaPath:"#/$defs/slo/properties/target/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?%$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?%$"+"\""};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
if(data5.window !== undefined){
let data7 = data5.window;
if(typeof data7 === "string"){
if(!pattern4.test(data7)){
const err19 = {instancePath:instancePath+"/slo/window",schemaPath:"#/$defs/slo/properties/window/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h|d)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h|d)$"+"\""};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/slo/window",schemaPath:"#/$defs/slo/properties/window/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data5.latency_p95 !== undefined){
let data8 = data5.latency_p95;
if(typeof data8 === "string"){
if(!pattern4.test(data8)){
const err21 = {instancePath:instancePath+"/slo/latency_p95",schemaPath:"#/$defs/slo/properties/latency_p95/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h|d)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h|d)$"+"\""};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/slo/latency_p95",schemaPath:"#/$defs/slo/properties/latency_p95/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath:instancePath+"/slo",schemaPath:"#/$defs/slo/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.alert !== undefined){
let data9 = data.alert;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
for(const key2 in data9){
if(!(((((key2 === "notify") || (key2 === "on")) || (key2 === "after")) || (key2 === "recover_after")) || (key2 === "remind_every"))){
const err24 = {instancePath:instancePath+"/alert",schemaPath:"#/$defs/alert/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data9.notify !== undefined){
let data10 = data9.notify;
if(Array.isArray(data10)){
const len0 = data10.length;
for(let i0=0; i0<len0; i0++){
let data11 = data10[i0];
if(typeof data11 === "string"){
if(func2(data11) > 200){
const err25 = {instancePath:instancePath+"/alert/notify/" + i0,schemaPath:"#/$defs/alert/properties/notify/items/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(!pattern10.test(data11)){
const err26 = {instancePath:instancePath+"/alert/notify/" + i0,schemaPath:"#/$defs/alert/properties/notify/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"+"\""};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/alert/notify/" + i0,schemaPath:"#/$defs/alert/properties/notify/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
let i1 = data10.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data10[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err28 = {instancePath:instancePath+"/alert/notify",schemaPath:"#/$defs/alert/properties/notify/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err29 = {instancePath:instancePath+"/alert/notify",schemaPath:"#/$defs/alert/properties/notify/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data9.on !== undefined){
let data12 = data9.on;
if(typeof data12 !== "string"){
const err30 = {instancePath:instancePath+"/alert/on",schemaPath:"#/$defs/alert/properties/on/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(!((data12 === "error") || (data12 === "warn"))){
const err31 = {instancePath:instancePath+"/alert/on",schemaPath:"#/$defs/alert/properties/on/enum",keyword:"enum",params:{allowedValues: schema35.properties.on.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data9.after !== undefined){
let data13 = data9.after;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err32 = {instancePath:instancePath+"/alert/after",schemaPath:"#/$defs/alert/properties/after/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 > 1000 || isNaN(data13)){
const err33 = {instancePath:instancePath+"/alert/after",schemaPath:"#/$defs/alert/properties/after/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(data13 < 1 || isNaN(data13)){
const err34 = {instancePath:instancePath+"/alert/after",schemaPath:"#/$defs/alert/properties/after/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
if(data9.recover_after !== undefined){
let data14 = data9.recover_after;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err35 = {instancePath:instancePath+"/alert/recover_after",schemaPath:"#/$defs/alert/properties/recover_after/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 > 1000 || isNaN(data14)){
const err36 = {instancePath:instancePath+"/alert/recover_after",schemaPath:"#/$defs/alert/properties/recover_after/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data14 < 1 || isNaN(data14)){
const err37 = {instancePath:instancePath+"/alert/recover_after",schemaPath:"#/$defs/alert/properties/recover_after/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
}
if(data9.remind_every !== undefined){
let data15 = data9.remind_every;
if((typeof data15 !== "string") && (data15 !== null)){
const err38 = {instancePath:instancePath+"/alert/remind_every",schemaPath:"#/$defs/alert/properties/remind_every/type",keyword:"type",params:{type: schema35.properties.remind_every.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(typeof data15 === "string"){
if(!pattern4.test(data15)){
const err39 = {instancePath:instancePath+"/alert/remind_every",schemaPath:"#/$defs/alert/properties/remind_every/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h|d)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h|d)$"+"\""};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
}
else {
const err40 = {instancePath:instancePath+"/alert",schemaPath:"#/$defs/alert/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
validate26.errors = vErrors;
return errors === 0;
}
validate26.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema43 = {"title":"RegistrySpec","description":"A registry index entry: a file or URL that `mon check` reads and parses in its format.","type":"object","additionalProperties":false,"required":["path","authority"],"properties":{"id":{"description":"The entry's ID. Default: `registry:<entity id>`. Set it when an entity has more than one entry.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"path":{"description":"Required. A file path or an http(s) URL. Stored as written; a relative path is resolved at check time against the directory of monitors.yaml (mon check -c), or --base-dir, and must stay inside it.","type":"string","minLength":1},"authority":{"description":"Required. Who is authoritative for the registry's content.","type":"string","minLength":1},"format":{"description":"How the registry is parsed.","type":"string","enum":["json","yaml"],"default":"json"},"interval":{"description":"How often the entry should be checked, as for an endpoint's `check.interval`. At least 10s.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$","default":"1m"},"serves":{"title":"ServesSpec","description":"What the registry says each entity serves, as dotted paths into its document: `items` leads to a list; in each item, `model` to a model id and each of `entities` to the id of an entity that should list that model in its `kind: models` check (a backend's `served_by`, a gateway's `via`). The check reports a declared model an entity does not list (error) and a model an entity lists that no registry entry declares for it (warn).","type":"object","additionalProperties":false,"required":["items","model","entities"],"properties":{"items":{"description":"Required. Dotted path to the list of items: `models`, `data.models`.","type":"string","minLength":1,"maxLength":200,"pattern":"^[^.\\s]+(\\.[^.\\s]+)*$"},"model":{"description":"Required. Dotted path, in each item, to its model id: `id`.","type":"string","minLength":1,"maxLength":200,"pattern":"^[^.\\s]+(\\.[^.\\s]+)*$"},"entities":{"description":"Required. Dotted paths, in each item, to the ids of the entities that should list its model: `[served_by, via]`.","type":"array","minItems":1,"maxItems":10,"uniqueItems":true,"items":{"type":"string","minLength":1,"maxLength":200,"pattern":"^[^.\\s]+(\\.[^.\\s]+)*$"}}}},"alert":{"$ref":"#/$defs/alert"}}};
const pattern40 = new RegExp("^[^.\\s]+(\\.[^.\\s]+)*$", "u");

function validate29(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate29.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.path === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.authority === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "authority"},message:"must have required property '"+"authority"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "id") || (key0 === "path")) || (key0 === "authority")) || (key0 === "format")) || (key0 === "interval")) || (key0 === "serves")) || (key0 === "alert"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 === "string"){
if(func2(data0) > 200){
const err3 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern10.test(data0)){
const err4 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.path !== undefined){
let data1 = data.path;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err6 = {instancePath:instancePath+"/path",schemaPath:"#/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/path",schemaPath:"#/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.authority !== undefined){
let data2 = data.authority;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err8 = {instancePath:instancePath+"/authority",schemaPath:"#/properties/authority/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/authority",schemaPath:"#/properties/authority/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.format !== undefined){
let data3 = data.format;
if(typeof data3 !== "string"){
const err10 = {instancePath:instancePath+"/format",schemaPath:"#/properties/format/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(!((data3 === "json") || (data3 === "yaml"))){
const err11 = {instancePath:instancePath+"/format",schemaPath:"#/properties/format/enum",keyword:"enum",params:{allowedValues: schema43.properties.format.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.interval !== undefined){
let data4 = data.interval;
if(typeof data4 === "string"){
if(!pattern4.test(data4)){
const err12 = {instancePath:instancePath+"/interval",schemaPath:"#/properties/interval/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h|d)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h|d)$"+"\""};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/interval",schemaPath:"#/properties/interval/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.serves !== undefined){
let data5 = data.serves;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.items === undefined){
const err14 = {instancePath:instancePath+"/serves",schemaPath:"#/properties/serves/required",keyword:"required",params:{missingProperty: "items"},message:"must have required property '"+"items"+"'"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data5.model === undefined){
const err15 = {instancePath:instancePath+"/serves",schemaPath:"#/properties/serves/required",keyword:"required",params:{missingProperty: "model"},message:"must have required property '"+"model"+"'"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(data5.entities === undefined){
const err16 = {instancePath:instancePath+"/serves",schemaPath:"#/properties/serves/required",keyword:"required",params:{missingProperty: "entities"},message:"must have required property '"+"entities"+"'"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
for(const key1 in data5){
if(!(((key1 === "items") || (key1 === "model")) || (key1 === "entities"))){
const err17 = {instancePath:instancePath+"/serves",schemaPath:"#/properties/serves/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data5.items !== undefined){
let data6 = data5.items;
if(typeof data6 === "string"){
if(func2(data6) > 200){
const err18 = {instancePath:instancePath+"/serves/items",schemaPath:"#/properties/serves/properties/items/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(func2(data6) < 1){
const err19 = {instancePath:instancePath+"/serves/items",schemaPath:"#/properties/serves/properties/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(!pattern40.test(data6)){
const err20 = {instancePath:instancePath+"/serves/items",schemaPath:"#/properties/serves/properties/items/pattern",keyword:"pattern",params:{pattern: "^[^.\\s]+(\\.[^.\\s]+)*$"},message:"must match pattern \""+"^[^.\\s]+(\\.[^.\\s]+)*$"+"\""};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/serves/items",schemaPath:"#/properties/serves/properties/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data5.model !== undefined){
let data7 = data5.model;
if(typeof data7 === "string"){
if(func2(data7) > 200){
const err22 = {instancePath:instancePath+"/serves/model",schemaPath:"#/properties/serves/properties/model/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(func2(data7) < 1){
const err23 = {instancePath:instancePath+"/serves/model",schemaPath:"#/properties/serves/properties/model/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(!pattern40.test(data7)){
const err24 = {instancePath:instancePath+"/serves/model",schemaPath:"#/properties/serves/properties/model/pattern",keyword:"pattern",params:{pattern: "^[^.\\s]+(\\.[^.\\s]+)*$"},message:"must match pattern \""+"^[^.\\s]+(\\.[^.\\s]+)*$"+"\""};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/serves/model",schemaPath:"#/properties/serves/properties/model/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data5.entities !== undefined){
let data8 = data5.entities;
if(Array.isArray(data8)){
if(data8.length > 10){
const err26 = {instancePath:instancePath+"/serves/entities",schemaPath:"#/properties/serves/properties/entities/maxItems",keyword:"maxItems",params:{limit: 10},message:"must NOT have more than 10 items"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(data8.length < 1){
const err27 = {instancePath:instancePath+"/serves/entities",schemaPath:"#/properties/serves/properties/entities/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
const len0 = data8.length;
for(let i0=0; i0<len0; i0++){
let data9 = data8[i0];
if(typeof data9 === "string"){
if(func2(data9) > 200){
const err28 = {instancePath:instancePath+"/serves/entities/" + i0,schemaPath:"#/properties/serves/properties/entities/items/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(func2(data9) < 1){
const err29 = {instancePath:instancePath+"/serves/entities/" + i0,schemaPath:"#/properties/serves/properties/entities/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(!pattern40.test(data9)){
const err30 = {instancePath:instancePath+"/serves/entities/" + i0,schemaPath:"#/properties/serves/properties/entities/items/pattern",keyword:"pattern",params:{pattern: "^[^.\\s]+(\\.[^.\\s]+)*$"},message:"must match pattern \""+"^[^.\\s]+(\\.[^.\\s]+)*$"+"\""};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/serves/entities/" + i0,schemaPath:"#/properties/serves/properties/entities/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
let i1 = data8.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data8[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err32 = {instancePath:instancePath+"/serves/entities",schemaPath:"#/properties/serves/properties/entities/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err33 = {instancePath:instancePath+"/serves/entities",schemaPath:"#/properties/serves/properties/entities/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
else {
const err34 = {instancePath:instancePath+"/serves",schemaPath:"#/properties/serves/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data.alert !== undefined){
let data10 = data.alert;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
for(const key2 in data10){
if(!(((((key2 === "notify") || (key2 === "on")) || (key2 === "after")) || (key2 === "recover_after")) || (key2 === "remind_every"))){
const err35 = {instancePath:instancePath+"/alert",schemaPath:"#/$defs/alert/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data10.notify !== undefined){
let data11 = data10.notify;
if(Array.isArray(data11)){
const len1 = data11.length;
for(let i2=0; i2<len1; i2++){
let data12 = data11[i2];
if(typeof data12 === "string"){
if(func2(data12) > 200){
const err36 = {instancePath:instancePath+"/alert/notify/" + i2,schemaPath:"#/$defs/alert/properties/notify/items/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(!pattern10.test(data12)){
const err37 = {instancePath:instancePath+"/alert/notify/" + i2,schemaPath:"#/$defs/alert/properties/notify/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"+"\""};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/alert/notify/" + i2,schemaPath:"#/$defs/alert/properties/notify/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
let i3 = data11.length;
let j1;
if(i3 > 1){
const indices1 = {};
for(;i3--;){
let item1 = data11[i3];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err39 = {instancePath:instancePath+"/alert/notify",schemaPath:"#/$defs/alert/properties/notify/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
break;
}
indices1[item1] = i3;
}
}
}
else {
const err40 = {instancePath:instancePath+"/alert/notify",schemaPath:"#/$defs/alert/properties/notify/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data10.on !== undefined){
let data13 = data10.on;
if(typeof data13 !== "string"){
const err41 = {instancePath:instancePath+"/alert/on",schemaPath:"#/$defs/alert/properties/on/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(!((data13 === "error") || (data13 === "warn"))){
const err42 = {instancePath:instancePath+"/alert/on",schemaPath:"#/$defs/alert/properties/on/enum",keyword:"enum",params:{allowedValues: schema35.properties.on.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data10.after !== undefined){
let data14 = data10.after;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err43 = {instancePath:instancePath+"/alert/after",schemaPath:"#/$defs/alert/properties/after/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 > 1000 || isNaN(data14)){
const err44 = {instancePath:instancePath+"/alert/after",schemaPath:"#/$defs/alert/properties/after/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(data14 < 1 || isNaN(data14)){
const err45 = {instancePath:instancePath+"/alert/after",schemaPath:"#/$defs/alert/properties/after/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
if(data10.recover_after !== undefined){
let data15 = data10.recover_after;
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err46 = {instancePath:instancePath+"/alert/recover_after",schemaPath:"#/$defs/alert/properties/recover_after/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 > 1000 || isNaN(data15)){
const err47 = {instancePath:instancePath+"/alert/recover_after",schemaPath:"#/$defs/alert/properties/recover_after/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(data15 < 1 || isNaN(data15)){
const err48 = {instancePath:instancePath+"/alert/recover_after",schemaPath:"#/$defs/alert/properties/recover_after/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
}
if(data10.remind_every !== undefined){
let data16 = data10.remind_every;
if((typeof data16 !== "string") && (data16 !== null)){
const err49 = {instancePath:instancePath+"/alert/remind_every",schemaPath:"#/$defs/alert/properties/remind_every/type",keyword:"type",params:{type: schema35.properties.remind_every.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if(typeof data16 === "string"){
if(!pattern4.test(data16)){
const err50 = {instancePath:instancePath+"/alert/remind_every",schemaPath:"#/$defs/alert/properties/remind_every/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h|d)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h|d)$"+"\""};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
}
else {
const err51 = {instancePath:instancePath+"/alert",schemaPath:"#/$defs/alert/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
}
else {
const err52 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
validate29.errors = vErrors;
return errors === 0;
}
validate29.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate25.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.type === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.label === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "label"},message:"must have required property '"+"label"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.owner === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "owner"},message:"must have required property '"+"owner"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema37.properties, key0))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 === "string"){
if(func2(data0) > 200){
const err5 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!pattern10.test(data0)){
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"+"\""};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.type !== undefined){
let data1 = data.type;
if(typeof data1 !== "string"){
const err8 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!(((((data1 === "service") || (data1 === "backend")) || (data1 === "tool")) || (data1 === "gateway")) || (data1 === "registry"))){
const err9 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema37.properties.type.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.label !== undefined){
let data2 = data.label;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err10 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.owner !== undefined){
let data3 = data.owner;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err12 = {instancePath:instancePath+"/owner",schemaPath:"#/properties/owner/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/owner",schemaPath:"#/properties/owner/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.docs_ref !== undefined){
let data4 = data.docs_ref;
if((typeof data4 !== "string") && (data4 !== null)){
const err14 = {instancePath:instancePath+"/docs_ref",schemaPath:"#/properties/docs_ref/type",keyword:"type",params:{type: schema37.properties.docs_ref.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.notes !== undefined){
let data5 = data.notes;
if((typeof data5 !== "string") && (data5 !== null)){
const err15 = {instancePath:instancePath+"/notes",schemaPath:"#/properties/notes/type",keyword:"type",params:{type: schema37.properties.notes.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.slo !== undefined){
let data6 = data.slo;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.target === undefined){
const err16 = {instancePath:instancePath+"/slo",schemaPath:"#/$defs/slo/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data6.window === undefined){
const err17 = {instancePath:instancePath+"/slo",schemaPath:"#/$defs/slo/required",keyword:"required",params:{missingProperty: "window"},message:"must have required property '"+"window"+"'"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
for(const key1 in data6){
if(!(((key1 === "target") || (key1 === "window")) || (key1 === "latency_p95"))){
const err18 = {instancePath:instancePath+"/slo",schemaPath:"#/$defs/slo/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data6.target !== undefined){
let data7 = data6.target;
if((typeof data7 !== "string") && (!((typeof data7 == "number") && (isFinite(data7))))){
const err19 = {instancePath:instancePath+"/slo/target",schemaPath:"#/$defs/slo/properties/target/type",keyword:"type",params:{type: schema38.properties.target.type},message:"must be string,number"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 < 0 || isNaN(data7)){
const err20 = {instancePath:instancePath+"/slo/target",schemaPath:"#/$defs/slo/properties/target/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(typeof data7 === "string"){
if(!pattern26.test(data7)){
const err21 = {instancePath:instancePath+"/slo/target",schemaPath:"#/$defs/slo/properties/target/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?%$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?%$"+"\""};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
if(data6.window !== undefined){
let data8 = data6.window;
if(typeof data8 === "string"){
if(!pattern4.test(data8)){
const err22 = {instancePath:instancePath+"/slo/window",schemaPath:"#/$defs/slo/properties/window/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h|d)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h|d)$"+"\""};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/slo/window",schemaPath:"#/$defs/slo/properties/window/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data6.latency_p95 !== undefined){
let data9 = data6.latency_p95;
if(typeof data9 === "string"){
if(!pattern4.test(data9)){
const err24 = {instancePath:instancePath+"/slo/latency_p95",schemaPath:"#/$defs/slo/properties/latency_p95/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h|d)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h|d)$"+"\""};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/slo/latency_p95",schemaPath:"#/$defs/slo/properties/latency_p95/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath:instancePath+"/slo",schemaPath:"#/$defs/slo/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data.depends_on !== undefined){
let data10 = data.depends_on;
if(Array.isArray(data10)){
const len0 = data10.length;
for(let i0=0; i0<len0; i0++){
let data11 = data10[i0];
if(typeof data11 === "string"){
if(func2(data11) > 200){
const err27 = {instancePath:instancePath+"/depends_on/" + i0,schemaPath:"#/properties/depends_on/items/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(!pattern10.test(data11)){
const err28 = {instancePath:instancePath+"/depends_on/" + i0,schemaPath:"#/properties/depends_on/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"+"\""};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/depends_on/" + i0,schemaPath:"#/properties/depends_on/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
let i1 = data10.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data10[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err30 = {instancePath:instancePath+"/depends_on",schemaPath:"#/properties/depends_on/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err31 = {instancePath:instancePath+"/depends_on",schemaPath:"#/properties/depends_on/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.alert !== undefined){
let data12 = data.alert;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
for(const key2 in data12){
if(!(((((key2 === "notify") || (key2 === "on")) || (key2 === "after")) || (key2 === "recover_after")) || (key2 === "remind_every"))){
const err32 = {instancePath:instancePath+"/alert",schemaPath:"#/$defs/alert/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data12.notify !== undefined){
let data13 = data12.notify;
if(Array.isArray(data13)){
const len1 = data13.length;
for(let i2=0; i2<len1; i2++){
let data14 = data13[i2];
if(typeof data14 === "string"){
if(func2(data14) > 200){
const err33 = {instancePath:instancePath+"/alert/notify/" + i2,schemaPath:"#/$defs/alert/properties/notify/items/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(!pattern10.test(data14)){
const err34 = {instancePath:instancePath+"/alert/notify/" + i2,schemaPath:"#/$defs/alert/properties/notify/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"+"\""};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/alert/notify/" + i2,schemaPath:"#/$defs/alert/properties/notify/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
let i3 = data13.length;
let j1;
if(i3 > 1){
const indices1 = {};
for(;i3--;){
let item1 = data13[i3];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err36 = {instancePath:instancePath+"/alert/notify",schemaPath:"#/$defs/alert/properties/notify/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
break;
}
indices1[item1] = i3;
}
}
}
else {
const err37 = {instancePath:instancePath+"/alert/notify",schemaPath:"#/$defs/alert/properties/notify/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data12.on !== undefined){
let data15 = data12.on;
if(typeof data15 !== "string"){
const err38 = {instancePath:instancePath+"/alert/on",schemaPath:"#/$defs/alert/properties/on/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(!((data15 === "error") || (data15 === "warn"))){
const err39 = {instancePath:instancePath+"/alert/on",schemaPath:"#/$defs/alert/properties/on/enum",keyword:"enum",params:{allowedValues: schema35.properties.on.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data12.after !== undefined){
let data16 = data12.after;
if(!(((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16))) && (isFinite(data16)))){
const err40 = {instancePath:instancePath+"/alert/after",schemaPath:"#/$defs/alert/properties/after/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if((typeof data16 == "number") && (isFinite(data16))){
if(data16 > 1000 || isNaN(data16)){
const err41 = {instancePath:instancePath+"/alert/after",schemaPath:"#/$defs/alert/properties/after/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(data16 < 1 || isNaN(data16)){
const err42 = {instancePath:instancePath+"/alert/after",schemaPath:"#/$defs/alert/properties/after/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
if(data12.recover_after !== undefined){
let data17 = data12.recover_after;
if(!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))){
const err43 = {instancePath:instancePath+"/alert/recover_after",schemaPath:"#/$defs/alert/properties/recover_after/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 > 1000 || isNaN(data17)){
const err44 = {instancePath:instancePath+"/alert/recover_after",schemaPath:"#/$defs/alert/properties/recover_after/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(data17 < 1 || isNaN(data17)){
const err45 = {instancePath:instancePath+"/alert/recover_after",schemaPath:"#/$defs/alert/properties/recover_after/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
if(data12.remind_every !== undefined){
let data18 = data12.remind_every;
if((typeof data18 !== "string") && (data18 !== null)){
const err46 = {instancePath:instancePath+"/alert/remind_every",schemaPath:"#/$defs/alert/properties/remind_every/type",keyword:"type",params:{type: schema35.properties.remind_every.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if(typeof data18 === "string"){
if(!pattern4.test(data18)){
const err47 = {instancePath:instancePath+"/alert/remind_every",schemaPath:"#/$defs/alert/properties/remind_every/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h|d)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h|d)$"+"\""};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
}
else {
const err48 = {instancePath:instancePath+"/alert",schemaPath:"#/$defs/alert/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data.endpoints !== undefined){
let data19 = data.endpoints;
if(Array.isArray(data19)){
const len2 = data19.length;
for(let i4=0; i4<len2; i4++){
if(!(validate26(data19[i4], {instancePath:instancePath+"/endpoints/" + i4,parentData:data19,parentDataProperty:i4,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
}
else {
const err49 = {instancePath:instancePath+"/endpoints",schemaPath:"#/properties/endpoints/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data.registry !== undefined){
let data21 = data.registry;
if(Array.isArray(data21)){
const len3 = data21.length;
for(let i5=0; i5<len3; i5++){
if(!(validate29(data21[i5], {instancePath:instancePath+"/registry/" + i5,parentData:data21,parentDataProperty:i5,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
errors = vErrors.length;
}
}
}
else {
const err50 = {instancePath:instancePath+"/registry",schemaPath:"#/properties/registry/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
else {
const err51 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
validate25.errors = vErrors;
return errors === 0;
}
validate25.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const pattern50 = new RegExp("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$", "u");

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://mon.invalid/schemas/monitors.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.version === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.entities === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "entities"},message:"must have required property '"+"entities"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "version") || (key0 === "defaults")) || (key0 === "include")) || (key0 === "notifiers")) || (key0 === "entities")) || (key0 === "maintenance")) || (key0 === "moved"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.version !== undefined){
if(1 !== data.version){
const err3 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.defaults !== undefined){
if(!(validate21(data.defaults, {instancePath:instancePath+"/defaults",parentData:data,parentDataProperty:"defaults",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data.include !== undefined){
let data2 = data.include;
if(Array.isArray(data2)){
if(data2.length > 100){
const err4 = {instancePath:instancePath+"/include",schemaPath:"#/properties/include/maxItems",keyword:"maxItems",params:{limit: 100},message:"must NOT have more than 100 items"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(typeof data3 === "string"){
if(func2(data3) > 500){
const err5 = {instancePath:instancePath+"/include/" + i0,schemaPath:"#/properties/include/items/maxLength",keyword:"maxLength",params:{limit: 500},message:"must NOT have more than 500 characters"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(func2(data3) < 1){
const err6 = {instancePath:instancePath+"/include/" + i0,schemaPath:"#/properties/include/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/include/" + i0,schemaPath:"#/properties/include/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/include",schemaPath:"#/properties/include/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.notifiers !== undefined){
let data4 = data.notifiers;
if(Array.isArray(data4)){
const len1 = data4.length;
for(let i1=0; i1<len1; i1++){
let data5 = data4[i1];
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.id === undefined){
const err9 = {instancePath:instancePath+"/notifiers/" + i1,schemaPath:"#/$defs/notifier/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data5.type === undefined){
const err10 = {instancePath:instancePath+"/notifiers/" + i1,schemaPath:"#/$defs/notifier/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
for(const key1 in data5){
if(!(func1.call(schema36.properties, key1))){
const err11 = {instancePath:instancePath+"/notifiers/" + i1,schemaPath:"#/$defs/notifier/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data5.id !== undefined){
let data6 = data5.id;
if(typeof data6 === "string"){
if(func2(data6) > 200){
const err12 = {instancePath:instancePath+"/notifiers/" + i1+"/id",schemaPath:"#/$defs/notifier/properties/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(!pattern10.test(data6)){
const err13 = {instancePath:instancePath+"/notifiers/" + i1+"/id",schemaPath:"#/$defs/notifier/properties/id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"+"\""};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/notifiers/" + i1+"/id",schemaPath:"#/$defs/notifier/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data5.type !== undefined){
let data7 = data5.type;
if(typeof data7 !== "string"){
const err15 = {instancePath:instancePath+"/notifiers/" + i1+"/type",schemaPath:"#/$defs/notifier/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(!((((((data7 === "webhook") || (data7 === "slack")) || (data7 === "ntfy")) || (data7 === "pagerduty")) || (data7 === "email")) || (data7 === "alertmanager"))){
const err16 = {instancePath:instancePath+"/notifiers/" + i1+"/type",schemaPath:"#/$defs/notifier/properties/type/enum",keyword:"enum",params:{allowedValues: schema36.properties.type.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data5.url !== undefined){
let data8 = data5.url;
if(typeof data8 === "string"){
if(!pattern8.test(data8)){
const err17 = {instancePath:instancePath+"/notifiers/" + i1+"/url",schemaPath:"#/$defs/notifier/properties/url/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]*$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/notifiers/" + i1+"/url",schemaPath:"#/$defs/notifier/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data5.headers !== undefined){
let data9 = data5.headers;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
for(const key2 in data9){
const _errs22 = errors;
if(typeof key2 === "string"){
if(!pattern7.test(key2)){
const err19 = {instancePath:instancePath+"/notifiers/" + i1+"/headers",schemaPath:"#/$defs/notifier/properties/headers/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},message:"must match pattern \""+"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"+"\"",propertyName:key2};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
var valid7 = _errs22 === errors;
if(!valid7){
const err20 = {instancePath:instancePath+"/notifiers/" + i1+"/headers",schemaPath:"#/$defs/notifier/properties/headers/propertyNames",keyword:"propertyNames",params:{propertyName: key2},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
for(const key3 in data9){
let data10 = data9[key3];
if(typeof data10 === "string"){
if(!pattern8.test(data10)){
const err21 = {instancePath:instancePath+"/notifiers/" + i1+"/headers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/notifier/properties/headers/additionalProperties/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]*$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/notifiers/" + i1+"/headers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/notifier/properties/headers/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath:instancePath+"/notifiers/" + i1+"/headers",schemaPath:"#/$defs/notifier/properties/headers/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data5.signing_secret !== undefined){
let data11 = data5.signing_secret;
if(typeof data11 === "string"){
if(!pattern8.test(data11)){
const err24 = {instancePath:instancePath+"/notifiers/" + i1+"/signing_secret",schemaPath:"#/$defs/notifier/properties/signing_secret/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]*$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/notifiers/" + i1+"/signing_secret",schemaPath:"#/$defs/notifier/properties/signing_secret/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data5.topic !== undefined){
let data12 = data5.topic;
if(typeof data12 === "string"){
if(func2(data12) < 1){
const err26 = {instancePath:instancePath+"/notifiers/" + i1+"/topic",schemaPath:"#/$defs/notifier/properties/topic/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(!pattern8.test(data12)){
const err27 = {instancePath:instancePath+"/notifiers/" + i1+"/topic",schemaPath:"#/$defs/notifier/properties/topic/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]*$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/notifiers/" + i1+"/topic",schemaPath:"#/$defs/notifier/properties/topic/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data5.token !== undefined){
let data13 = data5.token;
if(typeof data13 === "string"){
if(!pattern8.test(data13)){
const err29 = {instancePath:instancePath+"/notifiers/" + i1+"/token",schemaPath:"#/$defs/notifier/properties/token/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]*$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/notifiers/" + i1+"/token",schemaPath:"#/$defs/notifier/properties/token/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data5.routing_key !== undefined){
let data14 = data5.routing_key;
if(typeof data14 === "string"){
if(func2(data14) < 1){
const err31 = {instancePath:instancePath+"/notifiers/" + i1+"/routing_key",schemaPath:"#/$defs/notifier/properties/routing_key/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(!pattern8.test(data14)){
const err32 = {instancePath:instancePath+"/notifiers/" + i1+"/routing_key",schemaPath:"#/$defs/notifier/properties/routing_key/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]*$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/notifiers/" + i1+"/routing_key",schemaPath:"#/$defs/notifier/properties/routing_key/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data5.host !== undefined){
let data15 = data5.host;
if(typeof data15 === "string"){
if(func2(data15) < 1){
const err34 = {instancePath:instancePath+"/notifiers/" + i1+"/host",schemaPath:"#/$defs/notifier/properties/host/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if(!pattern8.test(data15)){
const err35 = {instancePath:instancePath+"/notifiers/" + i1+"/host",schemaPath:"#/$defs/notifier/properties/host/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]*$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/notifiers/" + i1+"/host",schemaPath:"#/$defs/notifier/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data5.port !== undefined){
let data16 = data5.port;
if(!(((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16))) && (isFinite(data16)))){
const err37 = {instancePath:instancePath+"/notifiers/" + i1+"/port",schemaPath:"#/$defs/notifier/properties/port/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if((typeof data16 == "number") && (isFinite(data16))){
if(data16 > 65535 || isNaN(data16)){
const err38 = {instancePath:instancePath+"/notifiers/" + i1+"/port",schemaPath:"#/$defs/notifier/properties/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(data16 < 1 || isNaN(data16)){
const err39 = {instancePath:instancePath+"/notifiers/" + i1+"/port",schemaPath:"#/$defs/notifier/properties/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
if(data5.username !== undefined){
let data17 = data5.username;
if(typeof data17 === "string"){
if(!pattern8.test(data17)){
const err40 = {instancePath:instancePath+"/notifiers/" + i1+"/username",schemaPath:"#/$defs/notifier/properties/username/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]*$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
else {
const err41 = {instancePath:instancePath+"/notifiers/" + i1+"/username",schemaPath:"#/$defs/notifier/properties/username/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data5.password !== undefined){
let data18 = data5.password;
if(typeof data18 === "string"){
if(!pattern8.test(data18)){
const err42 = {instancePath:instancePath+"/notifiers/" + i1+"/password",schemaPath:"#/$defs/notifier/properties/password/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]*$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
else {
const err43 = {instancePath:instancePath+"/notifiers/" + i1+"/password",schemaPath:"#/$defs/notifier/properties/password/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data5.from !== undefined){
let data19 = data5.from;
if(typeof data19 === "string"){
if(func2(data19) < 1){
const err44 = {instancePath:instancePath+"/notifiers/" + i1+"/from",schemaPath:"#/$defs/notifier/properties/from/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(!pattern8.test(data19)){
const err45 = {instancePath:instancePath+"/notifiers/" + i1+"/from",schemaPath:"#/$defs/notifier/properties/from/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]*$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
else {
const err46 = {instancePath:instancePath+"/notifiers/" + i1+"/from",schemaPath:"#/$defs/notifier/properties/from/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data5.to !== undefined){
let data20 = data5.to;
if(Array.isArray(data20)){
if(data20.length < 1){
const err47 = {instancePath:instancePath+"/notifiers/" + i1+"/to",schemaPath:"#/$defs/notifier/properties/to/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
const len2 = data20.length;
for(let i2=0; i2<len2; i2++){
let data21 = data20[i2];
if(typeof data21 === "string"){
if(func2(data21) < 1){
const err48 = {instancePath:instancePath+"/notifiers/" + i1+"/to/" + i2,schemaPath:"#/$defs/notifier/properties/to/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if(!pattern8.test(data21)){
const err49 = {instancePath:instancePath+"/notifiers/" + i1+"/to/" + i2,schemaPath:"#/$defs/notifier/properties/to/items/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]*$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
else {
const err50 = {instancePath:instancePath+"/notifiers/" + i1+"/to/" + i2,schemaPath:"#/$defs/notifier/properties/to/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
else {
const err51 = {instancePath:instancePath+"/notifiers/" + i1+"/to",schemaPath:"#/$defs/notifier/properties/to/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(data5.tls !== undefined){
let data22 = data5.tls;
if(typeof data22 !== "string"){
const err52 = {instancePath:instancePath+"/notifiers/" + i1+"/tls",schemaPath:"#/$defs/notifier/properties/tls/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
if(!(((data22 === "starttls") || (data22 === "tls")) || (data22 === "none"))){
const err53 = {instancePath:instancePath+"/notifiers/" + i1+"/tls",schemaPath:"#/$defs/notifier/properties/tls/enum",keyword:"enum",params:{allowedValues: schema36.properties.tls.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
}
else {
const err54 = {instancePath:instancePath+"/notifiers/" + i1,schemaPath:"#/$defs/notifier/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
else {
const err55 = {instancePath:instancePath+"/notifiers",schemaPath:"#/properties/notifiers/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data.entities !== undefined){
let data23 = data.entities;
if(Array.isArray(data23)){
const len3 = data23.length;
for(let i3=0; i3<len3; i3++){
if(!(validate25(data23[i3], {instancePath:instancePath+"/entities/" + i3,parentData:data23,parentDataProperty:i3,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
}
}
else {
const err56 = {instancePath:instancePath+"/entities",schemaPath:"#/properties/entities/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data.maintenance !== undefined){
let data25 = data.maintenance;
if(Array.isArray(data25)){
const len4 = data25.length;
for(let i4=0; i4<len4; i4++){
let data26 = data25[i4];
if(data26 && typeof data26 == "object" && !Array.isArray(data26)){
if(data26.id === undefined){
const err57 = {instancePath:instancePath+"/maintenance/" + i4,schemaPath:"#/$defs/maintenance_window/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(data26.entities === undefined){
const err58 = {instancePath:instancePath+"/maintenance/" + i4,schemaPath:"#/$defs/maintenance_window/required",keyword:"required",params:{missingProperty: "entities"},message:"must have required property '"+"entities"+"'"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
for(const key4 in data26){
if(!((((((((key4 === "id") || (key4 === "entities")) || (key4 === "cron")) || (key4 === "duration")) || (key4 === "timezone")) || (key4 === "start")) || (key4 === "end")) || (key4 === "reason"))){
const err59 = {instancePath:instancePath+"/maintenance/" + i4,schemaPath:"#/$defs/maintenance_window/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data26.id !== undefined){
let data27 = data26.id;
if(typeof data27 === "string"){
if(func2(data27) > 200){
const err60 = {instancePath:instancePath+"/maintenance/" + i4+"/id",schemaPath:"#/$defs/maintenance_window/properties/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if(!pattern10.test(data27)){
const err61 = {instancePath:instancePath+"/maintenance/" + i4+"/id",schemaPath:"#/$defs/maintenance_window/properties/id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"+"\""};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
else {
const err62 = {instancePath:instancePath+"/maintenance/" + i4+"/id",schemaPath:"#/$defs/maintenance_window/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data26.entities !== undefined){
let data28 = data26.entities;
if(Array.isArray(data28)){
if(data28.length < 1){
const err63 = {instancePath:instancePath+"/maintenance/" + i4+"/entities",schemaPath:"#/$defs/maintenance_window/properties/entities/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
const len5 = data28.length;
for(let i5=0; i5<len5; i5++){
let data29 = data28[i5];
if(typeof data29 === "string"){
if(func2(data29) > 200){
const err64 = {instancePath:instancePath+"/maintenance/" + i4+"/entities/" + i5,schemaPath:"#/$defs/maintenance_window/properties/entities/items/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
if(!pattern10.test(data29)){
const err65 = {instancePath:instancePath+"/maintenance/" + i4+"/entities/" + i5,schemaPath:"#/$defs/maintenance_window/properties/entities/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"+"\""};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
else {
const err66 = {instancePath:instancePath+"/maintenance/" + i4+"/entities/" + i5,schemaPath:"#/$defs/maintenance_window/properties/entities/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
let i6 = data28.length;
let j0;
if(i6 > 1){
const indices0 = {};
for(;i6--;){
let item0 = data28[i6];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err67 = {instancePath:instancePath+"/maintenance/" + i4+"/entities",schemaPath:"#/$defs/maintenance_window/properties/entities/uniqueItems",keyword:"uniqueItems",params:{i: i6, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i6+" are identical)"};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
break;
}
indices0[item0] = i6;
}
}
}
else {
const err68 = {instancePath:instancePath+"/maintenance/" + i4+"/entities",schemaPath:"#/$defs/maintenance_window/properties/entities/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(data26.cron !== undefined){
let data30 = data26.cron;
if(typeof data30 === "string"){
if(func2(data30) < 1){
const err69 = {instancePath:instancePath+"/maintenance/" + i4+"/cron",schemaPath:"#/$defs/maintenance_window/properties/cron/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
if(!pattern8.test(data30)){
const err70 = {instancePath:instancePath+"/maintenance/" + i4+"/cron",schemaPath:"#/$defs/maintenance_window/properties/cron/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]*$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
else {
const err71 = {instancePath:instancePath+"/maintenance/" + i4+"/cron",schemaPath:"#/$defs/maintenance_window/properties/cron/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
if(data26.duration !== undefined){
let data31 = data26.duration;
if(typeof data31 === "string"){
if(!pattern4.test(data31)){
const err72 = {instancePath:instancePath+"/maintenance/" + i4+"/duration",schemaPath:"#/$defs/maintenance_window/properties/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h|d)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h|d)$"+"\""};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
else {
const err73 = {instancePath:instancePath+"/maintenance/" + i4+"/duration",schemaPath:"#/$defs/maintenance_window/properties/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
if(data26.timezone !== undefined){
let data32 = data26.timezone;
if(typeof data32 === "string"){
if(!pattern8.test(data32)){
const err74 = {instancePath:instancePath+"/maintenance/" + i4+"/timezone",schemaPath:"#/$defs/maintenance_window/properties/timezone/pattern",keyword:"pattern",params:{pattern: "^[^\\r\\n\\u0000]*$"},message:"must match pattern \""+"^[^\\r\\n\\u0000]*$"+"\""};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
else {
const err75 = {instancePath:instancePath+"/maintenance/" + i4+"/timezone",schemaPath:"#/$defs/maintenance_window/properties/timezone/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
if(data26.start !== undefined){
let data33 = data26.start;
if(typeof data33 === "string"){
if(!pattern50.test(data33)){
const err76 = {instancePath:instancePath+"/maintenance/" + i4+"/start",schemaPath:"#/$defs/maintenance_window/properties/start/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$"},message:"must match pattern \""+"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$"+"\""};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
else {
const err77 = {instancePath:instancePath+"/maintenance/" + i4+"/start",schemaPath:"#/$defs/maintenance_window/properties/start/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
if(data26.end !== undefined){
let data34 = data26.end;
if(typeof data34 === "string"){
if(!pattern50.test(data34)){
const err78 = {instancePath:instancePath+"/maintenance/" + i4+"/end",schemaPath:"#/$defs/maintenance_window/properties/end/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$"},message:"must match pattern \""+"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$"+"\""};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
else {
const err79 = {instancePath:instancePath+"/maintenance/" + i4+"/end",schemaPath:"#/$defs/maintenance_window/properties/end/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
if(data26.reason !== undefined){
let data35 = data26.reason;
if((typeof data35 !== "string") && (data35 !== null)){
const err80 = {instancePath:instancePath+"/maintenance/" + i4+"/reason",schemaPath:"#/$defs/maintenance_window/properties/reason/type",keyword:"type",params:{type: schema45.properties.reason.type},message:"must be string,null"};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
if(typeof data35 === "string"){
if(func2(data35) > 500){
const err81 = {instancePath:instancePath+"/maintenance/" + i4+"/reason",schemaPath:"#/$defs/maintenance_window/properties/reason/maxLength",keyword:"maxLength",params:{limit: 500},message:"must NOT have more than 500 characters"};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
}
}
else {
const err82 = {instancePath:instancePath+"/maintenance/" + i4,schemaPath:"#/$defs/maintenance_window/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
}
else {
const err83 = {instancePath:instancePath+"/maintenance",schemaPath:"#/properties/maintenance/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
if(data.moved !== undefined){
let data36 = data.moved;
if(Array.isArray(data36)){
if(data36.length > 1000){
const err84 = {instancePath:instancePath+"/moved",schemaPath:"#/properties/moved/maxItems",keyword:"maxItems",params:{limit: 1000},message:"must NOT have more than 1000 items"};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
const len6 = data36.length;
for(let i7=0; i7<len6; i7++){
let data37 = data36[i7];
if(data37 && typeof data37 == "object" && !Array.isArray(data37)){
if(data37.from === undefined){
const err85 = {instancePath:instancePath+"/moved/" + i7,schemaPath:"#/$defs/move/required",keyword:"required",params:{missingProperty: "from"},message:"must have required property '"+"from"+"'"};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
if(data37.to === undefined){
const err86 = {instancePath:instancePath+"/moved/" + i7,schemaPath:"#/$defs/move/required",keyword:"required",params:{missingProperty: "to"},message:"must have required property '"+"to"+"'"};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
for(const key5 in data37){
if(!((key5 === "from") || (key5 === "to"))){
const err87 = {instancePath:instancePath+"/moved/" + i7,schemaPath:"#/$defs/move/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
if(data37.from !== undefined){
let data38 = data37.from;
if(typeof data38 === "string"){
if(func2(data38) > 200){
const err88 = {instancePath:instancePath+"/moved/" + i7+"/from",schemaPath:"#/$defs/move/properties/from/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
if(!pattern10.test(data38)){
const err89 = {instancePath:instancePath+"/moved/" + i7+"/from",schemaPath:"#/$defs/move/properties/from/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"+"\""};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
else {
const err90 = {instancePath:instancePath+"/moved/" + i7+"/from",schemaPath:"#/$defs/move/properties/from/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
if(data37.to !== undefined){
let data39 = data37.to;
if(typeof data39 === "string"){
if(func2(data39) > 200){
const err91 = {instancePath:instancePath+"/moved/" + i7+"/to",schemaPath:"#/$defs/move/properties/to/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
if(!pattern10.test(data39)){
const err92 = {instancePath:instancePath+"/moved/" + i7+"/to",schemaPath:"#/$defs/move/properties/to/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"+"\""};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
else {
const err93 = {instancePath:instancePath+"/moved/" + i7+"/to",schemaPath:"#/$defs/move/properties/to/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
}
else {
const err94 = {instancePath:instancePath+"/moved/" + i7,schemaPath:"#/$defs/move/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
}
else {
const err95 = {instancePath:instancePath+"/moved",schemaPath:"#/properties/moved/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
}
else {
const err96 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};
