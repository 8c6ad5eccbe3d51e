// Where the binaries, the assets and the output folder are: CMake passes
// them in the environment (tests/browser/CMakeLists.txt); run by hand, the
// defaults point into ./build.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const sourceRoot = path.resolve(here, '../../..');
const build = process.env.HOSO_BUILD_DIR || path.join(sourceRoot, 'build');

export const config = {
  hosod: process.env.HOSOD || path.join(build, 'services/hosod'),
  hoso: process.env.HOSO || path.join(build, 'clients/hoso'),
  hosoWeb: process.env.HOSO_WEB || path.join(build, 'clients/web/hoso-web'),
  assets: process.env.HOSO_WEB_ASSETS || path.join(build, 'web'),
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  webPackages: process.env.HOSO_WEB_PACKAGES || path.join(sourceRoot, 'web'),
  deploy: path.join(sourceRoot, 'deploy'),
  out: process.env.HOSO_BROWSER_OUT || path.join(build, 'tests/browser/out'),
};
