#!/usr/bin/env node
/** Part of `npm run build`: validates the bundled rule pack once and stores it in dist/ for fast loading. */
import { BUILD_CACHE_FILE } from '../dist/rules/build-cache.js';
import { DEFAULT_PACK_DIR, writeBuildCache } from '../dist/rules/load.js';

const pack = writeBuildCache(DEFAULT_PACK_DIR, BUILD_CACHE_FILE);
console.log(
  `rule pack ${pack.id} ${pack.version} (sha256 ${pack.sha256.slice(0, 16)}...) cached in ${BUILD_CACHE_FILE}`,
);
