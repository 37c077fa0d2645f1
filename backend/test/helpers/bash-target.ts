// A target image that has a real bash (the test machine's own, with the libraries it loads) and
// gives root /bin/bash as its login shell: the fixture images have only busybox's sh and ash.
// Built once per engine from the distroless fixture (its /app keeps it running) with
// `docker export` and `docker import`, so it needs no registry and no network.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FIXTURE_IMAGE, FIXTURE_LABEL } from '../kit/engine.js';

export const BASH_TARGET_IMAGE = 'cdebug-fixture-hab/bash:test';

const BUILD = `
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cid=$(docker create --label "$LABEL" --name "hab-bash-build-$$" "$BASE")
docker export "$cid" | tar -x -C "$dir"
docker rm "$cid" >/dev/null
for f in /bin/bash $(ldd /bin/bash | awk '$2 == "=>" && $3 ~ /^\\// { print $3 } $1 ~ /^\\// { print $1 }'); do
  mkdir -p "$dir$(dirname "$f")"
  cp -L "$f" "$dir$f"
done
printf 'root:x:0:0:root:/root:/bin/bash\\nnonroot:x:65532:65532::/home/nonroot:/sbin/nologin\\n' > "$dir/etc/passwd"
tar -C "$dir" -c . | docker import --change 'ENTRYPOINT ["/app"]' --change 'WORKDIR /srv' --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' - "$IMAGE" >/dev/null
`;

/** Builds the image on the engine DOCKER_HOST names, unless it is there already. */
export async function ensureBashTargetImage(): Promise<string> {
  const run = promisify(execFile);
  const present = await run('docker', ['image', 'inspect', BASH_TARGET_IMAGE]).then(
    () => true,
    () => false,
  );
  if (!present) {
    await run('sh', ['-c', BUILD], { env: { ...process.env, LABEL: FIXTURE_LABEL, BASE: FIXTURE_IMAGE, IMAGE: BASH_TARGET_IMAGE }, timeout: 120_000 });
  }
  return BASH_TARGET_IMAGE;
}
