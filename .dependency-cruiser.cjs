// The layers of cdebug, checked by dependency-cruiser (`npm run lint:deps`; scripts/test.sh runs
// it before the suites). docs/ARCHITECTURE.md ("Layers") draws the same picture. Bottom to top:
//
//   contract/, sidecar/        the HTTP/WebSocket contract; the pure sidecar spec, script, codecs
//   runtimes/port.ts           the runtime port: what cdebug asks of something that runs containers
//   runtimes/ (pool, set)      named runtimes, whatever their kind
//   runtimes/docker/           the Docker API adapter (Docker, Podman): api/ is its client code
//                              (dockerode), endpoints/ finds and dials an engine (contexts, TLS, ssh)
//   runtimes/containerd/       the containerd adapter (its native gRPC API): client/ is its gRPC code
//   runtimes/cri/              the Kubernetes CRI adapter (gRPC); runtimes/kube-stream/ its streaming
//                              protocol (v4.channel.k8s.io), kept apart for an API-server adapter too
//   runtimes/adapters.ts       picks an adapter by the engine address's scheme
//   sessions/                  session registry, lifecycle, screen mirror, flow control
//   server/                    the HTTP/WebSocket service
//   cli/                       the `cdebug` command: exec, serve (which starts server/), contexts;
//                              it picks and dials a Docker endpoint, and runs sidecars through the port
//
// A layer imports only from layers below it. Tests (*.test.ts) may reach across: a test of a
// layer is not part of it. Type-only imports count: a type is a dependency all the same.

const SRC = '^backend/src/';
const TEST = '\\.test\\.tsx?$';
const ADAPTERS = [`${SRC}runtimes/docker/`, `${SRC}runtimes/containerd/`, `${SRC}runtimes/cri/`];
// the one module of runtimes/ outside an adapter that picks one (by the address's scheme)
const ADAPTER_PICKER = `${SRC}runtimes/adapters\\.ts$`;
// the containerd adapter's own lower floor: gRPC, its protos and messages
const CONTAINERD_CLIENT = `${SRC}runtimes/containerd/client/`;
// the Docker adapter's own lower floor: the API client and the endpoint code
const DOCKER_CLIENT = `${SRC}runtimes/docker/(api|endpoints)/`;

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No module imports itself back through others: a cycle has no bottom to read or test from.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'contract-is-the-bottom',
      comment: 'contract/ is shared by the service, the CLI and the UI: it imports no other part of cdebug.',
      severity: 'error',
      from: { path: `${SRC}contract/`, pathNot: TEST },
      to: { path: SRC, pathNot: `${SRC}contract/` },
    },
    {
      name: 'sidecar-is-pure',
      comment: 'sidecar/ (spec, entry script, validation, codecs) is pure: only the contract below it.',
      severity: 'error',
      from: { path: `${SRC}sidecar/`, pathNot: TEST },
      to: { path: SRC, pathNot: [`${SRC}contract/`, `${SRC}sidecar/`] },
    },
    {
      name: 'runtimes-below-sessions',
      comment: 'The runtime port and its adapters know nothing of sessions, the service or the CLI.',
      severity: 'error',
      from: { path: `${SRC}runtimes/`, pathNot: TEST },
      to: { path: [`${SRC}sessions/`, `${SRC}server/`, `${SRC}cli/`] },
    },
    {
      name: 'docker-client-below-the-adapter',
      comment:
        "runtimes/docker/api/ and endpoints/ are the Docker adapter's client code: they serve the adapter's files above them " +
        '(runtime, sessions, catalog) and never use them, the pool or the engine set; of the rest of runtimes/ they read only ' +
        'the port, whose types (the sidecar handle) they implement.',
      severity: 'error',
      from: { path: DOCKER_CLIENT, pathNot: TEST },
      to: { path: `${SRC}runtimes/`, pathNot: [DOCKER_CLIENT, `${SRC}runtimes/port\\.ts$`] },
    },
    {
      name: 'port-knows-no-adapter',
      comment:
        'runtimes/ outside an adapter (the port, the pool, kube-stream/) works with any runtime: it imports no adapter. ' +
        "The exception is runtimes/adapters.ts, whose one job is to pick an adapter by the address's scheme.",
      severity: 'error',
      from: { path: `${SRC}runtimes/`, pathNot: [...ADAPTERS, ADAPTER_PICKER, TEST] },
      to: { path: ADAPTERS },
    },
    {
      name: 'only-the-picker-imports-adapters',
      comment:
        'runtimes/adapters.ts is the one module of runtimes/ outside an adapter that may import adapters: it picks one by the ' +
        "engine address's scheme (containerd:// or Docker's), for the service's entry and the CLI.",
      severity: 'error',
      from: { path: `${SRC}runtimes/[^/]+\\.ts$`, pathNot: [ADAPTER_PICKER, TEST] },
      to: { path: ADAPTERS },
    },
    {
      name: 'adapters-stand-apart',
      comment:
        'An adapter never uses another (Docker, containerd, CRI): what two share (the entry script, the spec rules, the request ' +
        'checks, the Kubernetes streaming protocol) lives below them, in sidecar/, the port or runtimes/kube-stream/.',
      severity: 'error',
      from: { path: `${SRC}runtimes/(docker|containerd|cri)/`, pathNot: TEST },
      to: { path: `${SRC}runtimes/(docker|containerd|cri)/`, pathNot: `${SRC}runtimes/$1/` },
    },
    {
      name: 'containerd-client-below-the-adapter',
      comment:
        "runtimes/containerd/client/ is the containerd adapter's gRPC code (protos, the connection, messages, errors): it serves the " +
        "adapter's files above it and uses none of them, nor any other part of runtimes/.",
      severity: 'error',
      from: { path: CONTAINERD_CLIENT, pathNot: TEST },
      to: { path: `${SRC}runtimes/`, pathNot: CONTAINERD_CLIENT },
    },
    {
      name: 'sessions-use-the-port',
      comment: 'sessions/ drives any runtime through runtimes/port.ts: no adapter, and nothing above it (server, CLI).',
      severity: 'error',
      from: { path: `${SRC}sessions/`, pathNot: TEST },
      to: { path: [...ADAPTERS, `${SRC}server/`, `${SRC}cli/`] },
    },
    {
      name: 'server-below-cli',
      comment: 'The service never imports the CLI: `cdebug serve` starts the service, not the other way round.',
      severity: 'error',
      from: { path: `${SRC}server/`, pathNot: TEST },
      to: { path: `${SRC}cli/` },
    },
    {
      name: 'server-wires-adapters-in-one-place',
      comment: "The service uses runtimes through the port; only server/run.ts, the service's entry, picks the Docker adapter.",
      severity: 'error',
      from: { path: `${SRC}server/`, pathNot: [`${SRC}server/run\\.ts$`, TEST] },
      to: { path: ADAPTERS },
    },
    {
      name: 'cli-runs-sidecars-through-the-port',
      comment:
        'The CLI starts, attaches to and diagnoses a sidecar through runtimes/port.ts, so that another runtime serves ' +
        '`cdebug exec` without touching cli/. Of the Docker adapter it imports only what picks and reaches an engine, ' +
        'for which no runtime-neutral form exists yet (a Docker endpoint is the only kind of engine address): ' +
        'endpoints/ (--host, --context, DOCKER_HOST, docker contexts), api/connect.ts (dial it, name it in errors, ' +
        'describe it for `cdebug context ls`), runtime.ts (the wiring, as server/run.ts does for the service) and spec.ts ' +
        "(`cdebug serve`'s engine list).",
      severity: 'error',
      from: { path: `${SRC}cli/`, pathNot: TEST },
      to: {
        path: ADAPTERS,
        pathNot: [`${SRC}runtimes/docker/endpoints/`, `${SRC}runtimes/docker/(api/connect|runtime|spec)\\.ts$`],
      },
    },
    {
      name: 'backend-never-imports-ui',
      comment: 'The UI is a client of the service: the backend does not depend on it.',
      severity: 'error',
      from: { path: '^backend/' },
      to: { path: '^ui/' },
    },
    {
      name: 'ui-sees-only-the-contract',
      comment: 'Of the backend, the UI imports only the contract (as @cdebug/contract): the same types the service answers with.',
      severity: 'error',
      from: { path: '^ui/src/' },
      to: { path: '^backend/', pathNot: `${SRC}contract/` },
    },
    {
      name: 'ui-api-is-the-bottom',
      comment: 'ui/src/api/ is the only code that talks to the service; it uses no hook, component or theme.',
      severity: 'error',
      from: { path: '^ui/src/api/', pathNot: TEST },
      to: { path: '^ui/src/(store|hooks|components|theme)/' },
    },
    {
      name: 'ui-store-below-hooks',
      comment: 'ui/src/store/ (the live state the event stream feeds) uses ui/src/api/, never a hook, component or theme.',
      severity: 'error',
      from: { path: '^ui/src/store/', pathNot: TEST },
      to: { path: '^ui/src/(hooks|components|theme)/' },
    },
    {
      name: 'ui-hooks-below-components',
      comment: 'Hooks may use ui/src/api/, never a component or the theme.',
      severity: 'error',
      from: { path: '^ui/src/hooks/', pathNot: TEST },
      to: { path: '^ui/src/(components|theme)/' },
    },
    {
      name: 'ui-theme-is-pure',
      comment: 'ui/src/theme/ (the MUI themes and the xterm theme derived from them) talks to nothing and uses no hook or component.',
      severity: 'error',
      from: { path: '^ui/src/theme/', pathNot: TEST },
      to: { path: '^ui/src/(api|hooks|components)/' },
    },
    {
      name: 'ui-format-is-pure',
      comment: 'ui/src/format/ (text helpers) is pure: no API, hook, component or theme.',
      severity: 'error',
      from: { path: '^ui/src/format/', pathNot: TEST },
      to: { path: '^ui/src/(api|hooks|components|theme)/' },
    },
    {
      name: 'test-kits-stay-in-tests',
      comment: 'backend/test/ and ui/src/test/ (fakes, launchers, render helpers) are for tests only: no shipped module imports them.',
      severity: 'error',
      from: { path: ['^backend/src/', '^ui/src/'], pathNot: [TEST, '^ui/src/test/'] },
      to: { path: ['^backend/test/', '^ui/src/test/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // type-only imports are dependencies too
    tsPreCompilationDeps: true,
    // the UI's `paths` (@cdebug/contract); the resolver needs them read from a tsconfig with a baseUrl
    tsConfig: { fileName: require('node:path').join(__dirname, 'ui/tsconfig.deps.json') },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs'],
      // @docker/extension-api-client names its entry in `browser` only
      mainFields: ['module', 'main', 'types', 'browser'],
    },
    skipAnalysisNotInRules: true,
  },
};
