/** Writes dist/builtin-library.json, the parsed built-in clause library (see server/src/library/load.ts). */
import path from "node:path";
import { writeSnapshot } from "../server/src/library/load";

writeSnapshot(path.resolve("clause-library"));
