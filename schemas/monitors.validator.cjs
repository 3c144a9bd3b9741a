// GENERATED from schemas/monitors.schema.json by scripts/generate-validator.js:
// do not edit; change the schema and run `node scripts/generate-validator.js`.
"use strict";
module.exports = validate20;
module.exports.default = validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://mon.invalid/schemas/monitors.schema.json","title":"MonitorsFile","description":"A mon inventory (monitors.yaml): the entities to monitor, their HTTP endpoints and registry entries. `mon apply` makes the database match this file; `mon validate` checks it.","type":"object","additionalProperties":false,"required":["version","entities"],"properties":{"version":{"description":"Format version of this file. Required; always 1.","const":1,"default":1},"defaults":{"$ref":"#/$defs/defaults"},"entities":{"description":"The monitored things. Required (may be empty). Removing an entity from this list retires it at the next apply; its history is kept.","type":"array","items":{"$ref":"#/$defs/entity"},"default":[]}},"$defs":{"defaults":{"title":"Defaults","description":"Settings that every endpoint inherits unless it sets its own. Default: none (the built-in check defaults apply).","type":"object","additionalProperties":false,"properties":{"check":{"$ref":"#/$defs/check"}},"default":{}},"entity":{"title":"EntitySpec","description":"One monitored thing: a service, backend, tool, gateway or registry.","type":"object","additionalProperties":false,"required":["id","type","label","owner"],"properties":{"id":{"description":"Required. The entity's ID, e.g. `mlx:8100`; endpoint and registry IDs are derived from it.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"type":{"description":"Required. What kind of thing this is.","type":"string","enum":["service","backend","tool","gateway","registry"]},"label":{"description":"Required. A human-readable name, shown by status and report.","type":"string","minLength":1},"owner":{"description":"Required. Who answers for it: a team, a person or a system. `mon check --owner` selects by it.","type":"string","minLength":1},"docs_ref":{"description":"Where its documentation is: a path or URL. Stored as written.","type":["string","null"],"default":null},"notes":{"description":"Free text for people.","type":["string","null"],"default":null},"slo":{"$ref":"#/$defs/slo"},"endpoints":{"description":"HTTP endpoints that `mon check` probes.","type":"array","items":{"$ref":"#/$defs/endpoint"},"default":[]},"registry":{"description":"Registry index entries: files or URLs that `mon check` reads and parses.","type":"array","items":{"$ref":"#/$defs/registry_entry"},"default":[]}}},"endpoint":{"title":"EndpointSpec","description":"One HTTP endpoint of an entity.","type":"object","additionalProperties":false,"required":["kind","url"],"properties":{"id":{"description":"The endpoint's ID. Default: `<entity id>:<kind>`, e.g. `mlx:8100:health`. Set it when an entity has two endpoints of the same kind.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"kind":{"description":"Required. How the response is judged. health: a `status` field in a JSON body (ok/up/healthy..., warn/degraded..., fail/down...); models: an OpenAI-style model list (an empty list warns); metrics: Prometheus text exposition; api: status code, latency and assertions only.","type":"string","enum":["api","health","models","metrics"]},"url":{"description":"Required. An absolute http: or https: URL, without credentials (put them in a header with ${VAR}).","type":"string","minLength":1,"maxLength":2048},"method":{"description":"The HTTP method.","type":"string","enum":["GET","HEAD","POST"],"default":"GET"},"check":{"$ref":"#/$defs/check"},"slo":{"$ref":"#/$defs/slo"}}},"check":{"title":"CheckSpec","description":"How an endpoint is checked. Under `defaults`, it applies to every endpoint; under an endpoint, each field it sets overrides `defaults.check` (headers merge by name; a `json` list replaces the default one). Unset fields take the built-in defaults.","type":"object","additionalProperties":false,"properties":{"status":{"description":"The status codes that count as success. null (the default) means any 2xx.","type":["array","null"],"items":{"type":"integer","minimum":100,"maximum":599},"minItems":1,"uniqueItems":true,"default":null},"degraded_after":{"description":"A response slower than this is `warn`.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$","default":"1s"},"timeout":{"description":"A hard deadline for connecting, headers and body together; past it the check is `error`. At most 1h.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$","default":"5s"},"retries":{"description":"How many times to retry after a network error or a timeout (never after an HTTP status).","type":"integer","minimum":0,"maximum":10,"default":0},"interval":{"description":"How often the endpoint should be checked: `mon check --due` checks it once its latest snapshot is this old (less a grace of 10%, at most 30s), and it is stale after 3 intervals without one. At least 10s.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$","default":"1m"},"headers":{"description":"Request headers. Write secrets as ${VAR}: they are resolved from the environment at check time and never stored. A literal credential is a warning.","type":"object","propertyNames":{"pattern":"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},"additionalProperties":{"type":"string","pattern":"^[^\\r\\n\\u0000]*$"},"default":{}},"json":{"description":"Assertions on a JSON response body; all must hold.","type":"array","items":{"$ref":"#/$defs/json_assertion"},"default":[]}},"default":{}},"json_assertion":{"title":"JsonAssertionSpec","description":"One assertion on the JSON body. Every operator given must hold; with none, the path must exist.","type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"description":"Required. Where in the body: dotted keys and indexes, e.g. `status`, `data.0.id` (also `data[0].id`; `$` is the whole body).","type":"string","minLength":1},"equals":{"description":"The value must equal this (any JSON value, compared deeply).","type":["string","number","boolean","null","array","object"]},"in":{"description":"The value must equal one of these.","type":"array","minItems":1},"matches":{"description":"The value must be a string matching this regular expression in RE2 syntax (run in linear time; no lookarounds or backreferences).","type":"string"},"exists":{"description":"true: the path must exist; false: it must not.","type":"boolean"},"min_items":{"description":"The value must be a list with at least this many items.","type":"integer","minimum":0},"severity":{"description":"What a failed assertion makes the check: `error`, or `warn`.","type":"string","enum":["error","warn"],"default":"error"}}},"registry_entry":{"title":"RegistrySpec","description":"A registry index entry: a file or URL that `mon check` reads and parses in its format.","type":"object","additionalProperties":false,"required":["path","authority"],"properties":{"id":{"description":"The entry's ID. Default: `registry:<entity id>`. Set it when an entity has more than one entry.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"path":{"description":"Required. A file path or an http(s) URL. Stored as written; a relative path is resolved at check time against the directory of monitors.yaml (mon check -c), or --base-dir, and must stay inside it.","type":"string","minLength":1},"authority":{"description":"Required. Who is authoritative for the registry's content.","type":"string","minLength":1},"format":{"description":"How the registry is parsed.","type":"string","enum":["json","yaml"],"default":"json"},"interval":{"description":"How often the entry should be checked, as for an endpoint's `check.interval`. At least 10s.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$","default":"1m"}}},"slo":{"title":"SloSpec","description":"A service level objective: the share of expected checks (from the interval, since the target was applied) that must be ok or warn over a rolling window, and optionally a p95 latency. On an entity it pools all its endpoints and registry entries; on an endpoint, that endpoint alone. Default: none.","type":"object","additionalProperties":false,"required":["target","window"],"properties":{"target":{"description":"Required. The share of expected checks that must be ok or warn: a percentage (`99.5%`) or a fraction (`0.995`); a bare number above 1 is an error.","type":["string","number"],"pattern":"^[0-9]+(\\.[0-9]+)?%$","minimum":0},"window":{"description":"Required. The rolling window the target is judged over, e.g. `30d`.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$"},"latency_p95":{"description":"The p95 latency over the window must stay under this, e.g. `800ms`. Default: no latency objective.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$"}}}}};
const schema32 = {"title":"Defaults","description":"Settings that every endpoint inherits unless it sets its own. Default: none (the built-in check defaults apply).","type":"object","additionalProperties":false,"properties":{"check":{"$ref":"#/$defs/check"}},"default":{}};
const schema33 = {"title":"CheckSpec","description":"How an endpoint is checked. Under `defaults`, it applies to every endpoint; under an endpoint, each field it sets overrides `defaults.check` (headers merge by name; a `json` list replaces the default one). Unset fields take the built-in defaults.","type":"object","additionalProperties":false,"properties":{"status":{"description":"The status codes that count as success. null (the default) means any 2xx.","type":["array","null"],"items":{"type":"integer","minimum":100,"maximum":599},"minItems":1,"uniqueItems":true,"default":null},"degraded_after":{"description":"A response slower than this is `warn`.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$","default":"1s"},"timeout":{"description":"A hard deadline for connecting, headers and body together; past it the check is `error`. At most 1h.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$","default":"5s"},"retries":{"description":"How many times to retry after a network error or a timeout (never after an HTTP status).","type":"integer","minimum":0,"maximum":10,"default":0},"interval":{"description":"How often the endpoint should be checked: `mon check --due` checks it once its latest snapshot is this old (less a grace of 10%, at most 30s), and it is stale after 3 intervals without one. At least 10s.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$","default":"1m"},"headers":{"description":"Request headers. Write secrets as ${VAR}: they are resolved from the environment at check time and never stored. A literal credential is a warning.","type":"object","propertyNames":{"pattern":"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"},"additionalProperties":{"type":"string","pattern":"^[^\\r\\n\\u0000]*$"},"default":{}},"json":{"description":"Assertions on a JSON response body; all must hold.","type":"array","items":{"$ref":"#/$defs/json_assertion"},"default":[]}},"default":{}};
const schema34 = {"title":"JsonAssertionSpec","description":"One assertion on the JSON body. Every operator given must hold; with none, the path must exist.","type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"description":"Required. Where in the body: dotted keys and indexes, e.g. `status`, `data.0.id` (also `data[0].id`; `$` is the whole body).","type":"string","minLength":1},"equals":{"description":"The value must equal this (any JSON value, compared deeply).","type":["string","number","boolean","null","array","object"]},"in":{"description":"The value must equal one of these.","type":"array","minItems":1},"matches":{"description":"The value must be a string matching this regular expression in RE2 syntax (run in linear time; no lookarounds or backreferences).","type":"string"},"exists":{"description":"true: the path must exist; false: it must not.","type":"boolean"},"min_items":{"description":"The value must be a list with at least this many items.","type":"integer","minimum":0},"severity":{"description":"What a failed assertion makes the check: `error`, or `warn`.","type":"string","enum":["error","warn"],"default":"error"}}};
const pattern4 = new RegExp("^[0-9]+(ms|s|m|h|d)$", "u");
const pattern7 = new RegExp("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", "u");
const pattern8 = new RegExp("^[^\\r\\n\\u0000]*$", "u");
const func1 = require("ajv/dist/runtime/ucs2length").default;

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
if(!(((((((key0 === "status") || (key0 === "degraded_after")) || (key0 === "timeout")) || (key0 === "retries")) || (key0 === "interval")) || (key0 === "headers")) || (key0 === "json"))){
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
if(func1(data10) < 1){
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
}
else {
const err36 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}
validate22.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


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
if(!(key0 === "check")){
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
}
else {
const err1 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema35 = {"title":"EntitySpec","description":"One monitored thing: a service, backend, tool, gateway or registry.","type":"object","additionalProperties":false,"required":["id","type","label","owner"],"properties":{"id":{"description":"Required. The entity's ID, e.g. `mlx:8100`; endpoint and registry IDs are derived from it.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"type":{"description":"Required. What kind of thing this is.","type":"string","enum":["service","backend","tool","gateway","registry"]},"label":{"description":"Required. A human-readable name, shown by status and report.","type":"string","minLength":1},"owner":{"description":"Required. Who answers for it: a team, a person or a system. `mon check --owner` selects by it.","type":"string","minLength":1},"docs_ref":{"description":"Where its documentation is: a path or URL. Stored as written.","type":["string","null"],"default":null},"notes":{"description":"Free text for people.","type":["string","null"],"default":null},"slo":{"$ref":"#/$defs/slo"},"endpoints":{"description":"HTTP endpoints that `mon check` probes.","type":"array","items":{"$ref":"#/$defs/endpoint"},"default":[]},"registry":{"description":"Registry index entries: files or URLs that `mon check` reads and parses.","type":"array","items":{"$ref":"#/$defs/registry_entry"},"default":[]}}};
const schema36 = {"title":"SloSpec","description":"A service level objective: the share of expected checks (from the interval, since the target was applied) that must be ok or warn over a rolling window, and optionally a p95 latency. On an entity it pools all its endpoints and registry entries; on an endpoint, that endpoint alone. Default: none.","type":"object","additionalProperties":false,"required":["target","window"],"properties":{"target":{"description":"Required. The share of expected checks that must be ok or warn: a percentage (`99.5%`) or a fraction (`0.995`); a bare number above 1 is an error.","type":["string","number"],"pattern":"^[0-9]+(\\.[0-9]+)?%$","minimum":0},"window":{"description":"Required. The rolling window the target is judged over, e.g. `30d`.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$"},"latency_p95":{"description":"The p95 latency over the window must stay under this, e.g. `800ms`. Default: no latency objective.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$"}}};
const schema39 = {"title":"RegistrySpec","description":"A registry index entry: a file or URL that `mon check` reads and parses in its format.","type":"object","additionalProperties":false,"required":["path","authority"],"properties":{"id":{"description":"The entry's ID. Default: `registry:<entity id>`. Set it when an entity has more than one entry.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"path":{"description":"Required. A file path or an http(s) URL. Stored as written; a relative path is resolved at check time against the directory of monitors.yaml (mon check -c), or --base-dir, and must stay inside it.","type":"string","minLength":1},"authority":{"description":"Required. Who is authoritative for the registry's content.","type":"string","minLength":1},"format":{"description":"How the registry is parsed.","type":"string","enum":["json","yaml"],"default":"json"},"interval":{"description":"How often the entry should be checked, as for an endpoint's `check.interval`. At least 10s.","type":"string","pattern":"^[0-9]+(ms|s|m|h|d)$","default":"1m"}}};
const func2 = Object.prototype.hasOwnProperty;
const pattern9 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._:/@-]*$", "u");
const pattern10 = new RegExp("^[0-9]+(\\.[0-9]+)?%$", "u");
const schema37 = {"title":"EndpointSpec","description":"One HTTP endpoint of an entity.","type":"object","additionalProperties":false,"required":["kind","url"],"properties":{"id":{"description":"The endpoint's ID. Default: `<entity id>:<kind>`, e.g. `mlx:8100:health`. Set it when an entity has two endpoints of the same kind.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$","maxLength":200},"kind":{"description":"Required. How the response is judged. health: a `status` field in a JSON body (ok/up/healthy..., warn/degraded..., fail/down...); models: an OpenAI-style model list (an empty list warns); metrics: Prometheus text exposition; api: status code, latency and assertions only.","type":"string","enum":["api","health","models","metrics"]},"url":{"description":"Required. An absolute http: or https: URL, without credentials (put them in a header with ${VAR}).","type":"string","minLength":1,"maxLength":2048},"method":{"description":"The HTTP method.","type":"string","enum":["GET","HEAD","POST"],"default":"GET"},"check":{"$ref":"#/$defs/check"},"slo":{"$ref":"#/$defs/slo"}}};

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
if(!((((((key0 === "id") || (key0 === "kind")) || (key0 === "url")) || (key0 === "method")) || (key0 === "check")) || (key0 === "slo"))){
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
if(func1(data0) > 200){
const err3 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern9.test(data0)){
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
if(!((((data1 === "api") || (data1 === "health")) || (data1 === "models")) || (data1 === "metrics"))){
const err7 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema37.properties.kind.enum},message:"must be equal to one of the allowed values"};
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
if(func1(data2) > 2048){
const err8 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(func1(data2) < 1){
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
const err12 = {instancePath:instancePath+"/method",schemaPath:"#/properties/method/enum",keyword:"enum",params:{allowedValues: schema37.properties.method.enum},message:"must be equal to one of the allowed values"};
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
const err16 = {instancePath:instancePath+"/slo/target",schemaPath:"#/$defs/slo/properties/target/type",keyword:"type",params:{type: schema36.properties.target.type},message:"must be string,number"};
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
if(!pattern10.test(data6)){
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
}
else {
const err24 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
validate26.errors = vErrors;
return errors === 0;
}
validate26.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


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
if(!(func2.call(schema35.properties, key0))){
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
if(func1(data0) > 200){
const err5 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!pattern9.test(data0)){
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
const err9 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema35.properties.type.enum},message:"must be equal to one of the allowed values"};
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
if(func1(data2) < 1){
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
if(func1(data3) < 1){
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
const err14 = {instancePath:instancePath+"/docs_ref",schemaPath:"#/properties/docs_ref/type",keyword:"type",params:{type: schema35.properties.docs_ref.type},message:"must be string,null"};
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
const err15 = {instancePath:instancePath+"/notes",schemaPath:"#/properties/notes/type",keyword:"type",params:{type: schema35.properties.notes.type},message:"must be string,null"};
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
const err19 = {instancePath:instancePath+"/slo/target",schemaPath:"#/$defs/slo/properties/target/type",keyword:"type",params:{type: schema36.properties.target.type},message:"must be string,number"};
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
if(!pattern10.test(data7)){
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
if(data.endpoints !== undefined){
let data10 = data.endpoints;
if(Array.isArray(data10)){
const len0 = data10.length;
for(let i0=0; i0<len0; i0++){
if(!(validate26(data10[i0], {instancePath:instancePath+"/endpoints/" + i0,parentData:data10,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
}
else {
const err27 = {instancePath:instancePath+"/endpoints",schemaPath:"#/properties/endpoints/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data.registry !== undefined){
let data12 = data.registry;
if(Array.isArray(data12)){
const len1 = data12.length;
for(let i1=0; i1<len1; i1++){
let data13 = data12[i1];
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
if(data13.path === undefined){
const err28 = {instancePath:instancePath+"/registry/" + i1,schemaPath:"#/$defs/registry_entry/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(data13.authority === undefined){
const err29 = {instancePath:instancePath+"/registry/" + i1,schemaPath:"#/$defs/registry_entry/required",keyword:"required",params:{missingProperty: "authority"},message:"must have required property '"+"authority"+"'"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
for(const key2 in data13){
if(!(((((key2 === "id") || (key2 === "path")) || (key2 === "authority")) || (key2 === "format")) || (key2 === "interval"))){
const err30 = {instancePath:instancePath+"/registry/" + i1,schemaPath:"#/$defs/registry_entry/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data13.id !== undefined){
let data14 = data13.id;
if(typeof data14 === "string"){
if(func1(data14) > 200){
const err31 = {instancePath:instancePath+"/registry/" + i1+"/id",schemaPath:"#/$defs/registry_entry/properties/id/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(!pattern9.test(data14)){
const err32 = {instancePath:instancePath+"/registry/" + i1+"/id",schemaPath:"#/$defs/registry_entry/properties/id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$"+"\""};
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
const err33 = {instancePath:instancePath+"/registry/" + i1+"/id",schemaPath:"#/$defs/registry_entry/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data13.path !== undefined){
let data15 = data13.path;
if(typeof data15 === "string"){
if(func1(data15) < 1){
const err34 = {instancePath:instancePath+"/registry/" + i1+"/path",schemaPath:"#/$defs/registry_entry/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err35 = {instancePath:instancePath+"/registry/" + i1+"/path",schemaPath:"#/$defs/registry_entry/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data13.authority !== undefined){
let data16 = data13.authority;
if(typeof data16 === "string"){
if(func1(data16) < 1){
const err36 = {instancePath:instancePath+"/registry/" + i1+"/authority",schemaPath:"#/$defs/registry_entry/properties/authority/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/registry/" + i1+"/authority",schemaPath:"#/$defs/registry_entry/properties/authority/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data13.format !== undefined){
let data17 = data13.format;
if(typeof data17 !== "string"){
const err38 = {instancePath:instancePath+"/registry/" + i1+"/format",schemaPath:"#/$defs/registry_entry/properties/format/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(!((data17 === "json") || (data17 === "yaml"))){
const err39 = {instancePath:instancePath+"/registry/" + i1+"/format",schemaPath:"#/$defs/registry_entry/properties/format/enum",keyword:"enum",params:{allowedValues: schema39.properties.format.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data13.interval !== undefined){
let data18 = data13.interval;
if(typeof data18 === "string"){
if(!pattern4.test(data18)){
const err40 = {instancePath:instancePath+"/registry/" + i1+"/interval",schemaPath:"#/$defs/registry_entry/properties/interval/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(ms|s|m|h|d)$"},message:"must match pattern \""+"^[0-9]+(ms|s|m|h|d)$"+"\""};
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
const err41 = {instancePath:instancePath+"/registry/" + i1+"/interval",schemaPath:"#/$defs/registry_entry/properties/interval/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
else {
const err42 = {instancePath:instancePath+"/registry/" + i1,schemaPath:"#/$defs/registry_entry/type",keyword:"type",params:{type: "object"},message:"must be object"};
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
else {
const err43 = {instancePath:instancePath+"/registry",schemaPath:"#/properties/registry/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
}
else {
const err44 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
validate25.errors = vErrors;
return errors === 0;
}
validate25.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


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
if(!(((key0 === "version") || (key0 === "defaults")) || (key0 === "entities"))){
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
if(data.entities !== undefined){
let data2 = data.entities;
if(Array.isArray(data2)){
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
if(!(validate25(data2[i0], {instancePath:instancePath+"/entities/" + i0,parentData:data2,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
}
}
else {
const err4 = {instancePath:instancePath+"/entities",schemaPath:"#/properties/entities/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};
