#!/usr/bin/env node
// The CLI is TypeScript run directly by Node 24 (type stripping); `npx fleetdrop` uses the
// project's Node 24 from the `node` devDependency.
import "../src/main.ts";
