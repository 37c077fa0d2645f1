// The subset of containerd's gRPC API (as of 1.6) that the adapter uses, written out as proto
// text. Field numbers and names follow containerd's api/ tree exactly (the wire format is
// nothing but those numbers); messages and fields the adapter never sends or reads are left
// out, which protobuf allows: an unknown field in an answer is skipped. Kept as a string, not a
// .proto file beside the code, so that the bundled CLI (one .mjs) needs no file at run time.

/** google.protobuf's well-known types, as far as containerd's messages use them */
const WELL_KNOWN = `
syntax = "proto3";
package google.protobuf;
message Any { string type_url = 1; bytes value = 2; }
message Empty {}
message Timestamp { int64 seconds = 1; int32 nanos = 2; }
`;

/** api/types: mount.proto, descriptor.proto, task/task.proto */
const TYPES = `
syntax = "proto3";
package containerd.types;
message Mount { string type = 1; string source = 2; string target = 3; repeated string options = 4; }
message Descriptor { string media_type = 1; string digest = 2; int64 size = 3; map<string, string> annotations = 5; }
`;

const TASK_TYPES = `
syntax = "proto3";
package containerd.v1.types;
enum Status { UNKNOWN = 0; CREATED = 1; RUNNING = 2; STOPPED = 3; PAUSED = 4; PAUSING = 5; }
message Process {
  string container_id = 1;
  string id = 2;
  uint32 pid = 3;
  Status status = 4;
  string stdin = 5;
  string stdout = 6;
  string stderr = 7;
  bool terminal = 8;
  uint32 exit_status = 9;
  google.protobuf.Timestamp exited_at = 10;
}
`;

/** api/services/containers/v1/containers.proto */
const CONTAINERS = `
syntax = "proto3";
package containerd.services.containers.v1;
service Containers {
  rpc Get(GetContainerRequest) returns (GetContainerResponse);
  rpc List(ListContainersRequest) returns (ListContainersResponse);
  rpc Create(CreateContainerRequest) returns (CreateContainerResponse);
  rpc Delete(DeleteContainerRequest) returns (google.protobuf.Empty);
}
message Container {
  message Runtime { string name = 1; google.protobuf.Any options = 2; }
  string id = 1;
  map<string, string> labels = 2;
  string image = 3;
  Runtime runtime = 4;
  google.protobuf.Any spec = 5;
  string snapshotter = 6;
  string snapshot_key = 7;
  google.protobuf.Timestamp created_at = 8;
  google.protobuf.Timestamp updated_at = 9;
}
message GetContainerRequest { string id = 1; }
message GetContainerResponse { Container container = 1; }
message ListContainersRequest { repeated string filters = 1; }
message ListContainersResponse { repeated Container containers = 1; }
message CreateContainerRequest { Container container = 1; }
message CreateContainerResponse { Container container = 1; }
message DeleteContainerRequest { string id = 1; }
`;

/** api/services/tasks/v1/tasks.proto */
const TASKS = `
syntax = "proto3";
package containerd.services.tasks.v1;
service Tasks {
  rpc Create(CreateTaskRequest) returns (CreateTaskResponse);
  rpc Start(StartRequest) returns (StartResponse);
  rpc Delete(DeleteTaskRequest) returns (DeleteResponse);
  rpc Get(GetRequest) returns (GetResponse);
  rpc List(ListTasksRequest) returns (ListTasksResponse);
  rpc Kill(KillRequest) returns (google.protobuf.Empty);
  rpc Exec(ExecProcessRequest) returns (google.protobuf.Empty);
  rpc ResizePty(ResizePtyRequest) returns (google.protobuf.Empty);
  rpc CloseIO(CloseIORequest) returns (google.protobuf.Empty);
  rpc Wait(WaitRequest) returns (WaitResponse);
}
message CreateTaskRequest {
  string container_id = 1;
  repeated containerd.types.Mount rootfs = 3;
  string stdin = 4;
  string stdout = 5;
  string stderr = 6;
  bool terminal = 7;
}
message CreateTaskResponse { string container_id = 1; uint32 pid = 2; }
message StartRequest { string container_id = 1; string exec_id = 2; }
message StartResponse { uint32 pid = 1; }
message DeleteTaskRequest { string container_id = 1; }
message DeleteResponse { string id = 1; uint32 pid = 2; uint32 exit_status = 3; google.protobuf.Timestamp exited_at = 4; }
message GetRequest { string container_id = 1; string exec_id = 2; }
message GetResponse { containerd.v1.types.Process process = 1; }
message ListTasksRequest { string filter = 1; }
message ListTasksResponse { repeated containerd.v1.types.Process tasks = 1; }
message KillRequest { string container_id = 1; string exec_id = 2; uint32 signal = 3; bool all = 4; }
message ExecProcessRequest {
  string container_id = 1;
  string stdin = 2;
  string stdout = 3;
  string stderr = 4;
  bool terminal = 5;
  google.protobuf.Any spec = 6;
  string exec_id = 7;
}
message ResizePtyRequest { string container_id = 1; string exec_id = 2; uint32 width = 3; uint32 height = 4; }
message CloseIORequest { string container_id = 1; string exec_id = 2; bool stdin = 3; }
message WaitRequest { string container_id = 1; string exec_id = 2; }
message WaitResponse { uint32 exit_status = 1; google.protobuf.Timestamp exited_at = 2; }
`;

/** api/services/images/v1/images.proto */
const IMAGES = `
syntax = "proto3";
package containerd.services.images.v1;
service Images {
  rpc Get(GetImageRequest) returns (GetImageResponse);
  rpc List(ListImagesRequest) returns (ListImagesResponse);
}
message Image {
  string name = 1;
  map<string, string> labels = 2;
  containerd.types.Descriptor target = 3;
  google.protobuf.Timestamp created_at = 7;
  google.protobuf.Timestamp updated_at = 8;
}
message GetImageRequest { string name = 1; }
message GetImageResponse { Image image = 1; }
message ListImagesRequest { repeated string filters = 1; }
message ListImagesResponse { repeated Image images = 1; }
`;

/** api/services/content/v1/content.proto: reading a blob (manifests, image configs) */
const CONTENT = `
syntax = "proto3";
package containerd.services.content.v1;
service Content {
  rpc Read(ReadContentRequest) returns (stream ReadContentResponse);
}
message ReadContentRequest { string digest = 1; int64 offset = 2; int64 size = 3; }
message ReadContentResponse { int64 offset = 1; bytes data = 2; }
`;

/** api/services/snapshots/v1/snapshots.proto */
const SNAPSHOTS = `
syntax = "proto3";
package containerd.services.snapshots.v1;
service Snapshots {
  rpc Prepare(PrepareSnapshotRequest) returns (PrepareSnapshotResponse);
  rpc Mounts(MountsRequest) returns (MountsResponse);
  rpc Remove(RemoveSnapshotRequest) returns (google.protobuf.Empty);
}
message PrepareSnapshotRequest { string snapshotter = 1; string key = 2; string parent = 3; map<string, string> labels = 4; }
message PrepareSnapshotResponse { repeated containerd.types.Mount mounts = 1; }
message MountsRequest { string snapshotter = 1; string key = 2; }
message MountsResponse { repeated containerd.types.Mount mounts = 1; }
message RemoveSnapshotRequest { string snapshotter = 1; string key = 2; }
`;

/** api/services/events/v1/events.proto and the task events (api/events/task.proto) */
const EVENTS = `
syntax = "proto3";
package containerd.services.events.v1;
service Events {
  rpc Subscribe(SubscribeRequest) returns (stream Envelope);
}
message SubscribeRequest { repeated string filters = 1; }
message Envelope {
  google.protobuf.Timestamp timestamp = 1;
  string namespace = 2;
  string topic = 3;
  google.protobuf.Any event = 4;
}
`;

const TASK_EVENTS = `
syntax = "proto3";
package containerd.events;
message TaskExit { string container_id = 1; string id = 2; uint32 pid = 3; uint32 exit_status = 4; google.protobuf.Timestamp exited_at = 5; }
message TaskStart { string container_id = 1; uint32 pid = 2; }
message TaskDelete { string container_id = 1; uint32 pid = 2; uint32 exit_status = 3; google.protobuf.Timestamp exited_at = 4; string id = 5; }
message ContainerCreate { string id = 1; string image = 2; }
message ContainerDelete { string id = 1; }
`;

/** api/services/version/v1/version.proto and namespaces/v1/namespace.proto */
const VERSION = `
syntax = "proto3";
package containerd.services.version.v1;
service Version {
  rpc Version(google.protobuf.Empty) returns (VersionResponse);
}
message VersionResponse { string version = 1; string revision = 2; }
`;

const NAMESPACES = `
syntax = "proto3";
package containerd.services.namespaces.v1;
service Namespaces {
  rpc Get(GetNamespaceRequest) returns (GetNamespaceResponse);
  rpc List(ListNamespacesRequest) returns (ListNamespacesResponse);
}
message Namespace { string name = 1; map<string, string> labels = 2; }
message GetNamespaceRequest { string name = 1; }
message GetNamespaceResponse { Namespace namespace = 1; }
message ListNamespacesRequest { string filter = 1; }
message ListNamespacesResponse { repeated Namespace namespaces = 1; }
`;

/** every file, dependencies first */
export const PROTO_FILES: readonly string[] = [
  WELL_KNOWN,
  TYPES,
  TASK_TYPES,
  CONTAINERS,
  TASKS,
  IMAGES,
  CONTENT,
  SNAPSHOTS,
  EVENTS,
  TASK_EVENTS,
  VERSION,
  NAMESPACES,
];
