"""C++ (and gRPC) code generation with the system protoc, for the offline build.

    load("//bazel:proto.bzl", "mdhub_proto_library")

    mdhub_proto_library(
        name = "common_proto",             # the cc_library to depend on
        srcs = ["mdhub/v1/common.proto"],  # .proto files of THIS package
        deps = [":types_proto"],           # other mdhub_proto_library targets
        grpc = True,                       # also run grpc_cpp_plugin
        strip_prefix = "proto",            # proto root, relative to the workspace
    )

`strip_prefix` is the directory (workspace-relative; a leading "/" is allowed)
that is the proto root: imports and C++ includes are relative to it.
"" (the default) means the workspace root. Example: with strip_prefix =
"proto", proto/mdhub/v1/common.proto is imported as "mdhub/v1/common.proto"
and its header is included as "mdhub/v1/common.pb.h".

protoc is /usr/bin/protoc (found on PATH by @system, see system_libs.bzl) and
google/protobuf/*.proto come from /usr/include. Generated files are
<name of the .proto without .proto>.pb.{h,cc} (+ .grpc.pb.{h,cc}) next to the
.proto in the output tree.
"""

load("@system//:tools.bzl", "GRPC_CPP_PLUGIN", "PROTOC")

MdhubProtoInfo = provider(
    doc = "The .proto files of an mdhub_proto_library and of its deps.",
    fields = {
        "srcs": "depset of the .proto Files, this library's and its deps'",
        "roots": "depset of proto roots (execroot-relative dirs, '.' for the main workspace root)",
    },
)

_SYSTEM_PROTO_ROOT = "/usr/include"  # google/protobuf/*.proto

def _normalize_root(strip_prefix):
    root = strip_prefix.strip("/")
    if root == ".":
        root = ""
    return root

def _join(*parts):
    return "/".join([p for p in parts if p and p != "."])

def _root_order(r):
    # Deeper roots first, so "." (the workspace root) never shadows them.
    return (r == ".", -len(r), r)

def _mdhub_protoc_impl(ctx):
    root = _normalize_root(ctx.attr.strip_prefix)
    pkg = ctx.label.package
    ws_root = ctx.label.workspace_root  # "" for the main repository
    exec_root = _join(ws_root, root) or "."

    import_paths = []
    for src in ctx.files.srcs:
        if not src.is_source or src.owner.package != pkg or src.owner.workspace_root != ws_root:
            fail("%s: %s: srcs must be .proto source files of package //%s" % (ctx.label, src.short_path, pkg))
        repo_path = src.path[len(ws_root) + 1:] if ws_root else src.path
        if root and not repo_path.startswith(root + "/"):
            fail("%s: %s is not under the proto root %r (strip_prefix)" % (ctx.label, repo_path, root))
        import_paths.append(repo_path[len(root) + 1:] if root else repo_path)

    transitive_srcs = depset(
        ctx.files.srcs,
        transitive = [d[MdhubProtoInfo].srcs for d in ctx.attr.deps],
    )
    roots = depset([exec_root], transitive = [d[MdhubProtoInfo].roots for d in ctx.attr.deps])

    # This library's root first, the workspace root last among ours, /usr/include after all.
    others = sorted([r for r in roots.to_list() if r != exec_root], key = _root_order)
    out_dir = _join(ctx.bin_dir.path, ws_root, root)

    args = ctx.actions.args()
    for r in [exec_root] + others:
        args.add("--proto_path=" + r)
    args.add("--proto_path=" + _SYSTEM_PROTO_ROOT)
    args.add("--cpp_out=" + out_dir)
    if ctx.attr.grpc:
        args.add("--plugin=protoc-gen-grpc=" + GRPC_CPP_PLUGIN)
        args.add("--grpc_out=" + out_dir)
    args.add_all(import_paths)

    outputs = ctx.outputs.hdrs + ctx.outputs.cc_srcs
    ctx.actions.run(
        executable = PROTOC,
        arguments = [args],
        inputs = transitive_srcs,
        outputs = outputs,
        mnemonic = "MdhubProtoc",
        progress_message = "Generating C++%s code from %s" % (
            " and gRPC" if ctx.attr.grpc else "",
            ", ".join(import_paths),
        ),
    )
    return [
        DefaultInfo(files = depset(outputs)),
        MdhubProtoInfo(srcs = transitive_srcs, roots = roots),
    ]

_mdhub_protoc = rule(
    implementation = _mdhub_protoc_impl,
    attrs = {
        "srcs": attr.label_list(allow_files = [".proto"], mandatory = True),
        "deps": attr.label_list(providers = [MdhubProtoInfo]),
        "grpc": attr.bool(default = False),
        "strip_prefix": attr.string(default = ""),
        "hdrs": attr.output_list(mandatory = True),
        "cc_srcs": attr.output_list(mandatory = True),
    },
    doc = "Runs the system protoc (and grpc_cpp_plugin). Use mdhub_proto_library.",
)

def _protoc_label(dep):
    """The _mdhub_protoc target that goes with the mdhub_proto_library `dep`."""
    if dep.startswith("@") or dep.startswith("//"):
        repo, _, rest = dep.partition("//")
        if not rest:  # "@repo"
            return dep + "//:" + dep[1:] + "_protoc"
        if ":" not in rest:  # "//a/b" means "//a/b:b"
            return dep + ":" + rest.split("/")[-1] + "_protoc"
        return dep + "_protoc"
    return ":" + dep.lstrip(":") + "_protoc"

def mdhub_proto_library(name, srcs, deps = [], grpc = False, strip_prefix = "", **kwargs):
    """C++ library generated from .proto files with the system protoc.

    Args:
      name: name of the cc_library (also creates `name + "_protoc"`).
      srcs: .proto files of this package (package-relative paths).
      deps: other mdhub_proto_library targets whose .proto files these import.
      grpc: also generate gRPC services (*.grpc.pb.{h,cc}) with grpc_cpp_plugin
        and link @system//:grpc++.
      strip_prefix: proto root, workspace-relative ("" = workspace root).
        Imports and #includes are relative to it.
      **kwargs: passed to the cc_library (visibility, testonly, tags, ...).
    """
    root = _normalize_root(strip_prefix)
    hdrs = []
    cc_srcs = []
    for src in srcs:
        if not src.endswith(".proto") or src.startswith("//") or src.startswith("@"):
            fail("mdhub_proto_library %s: srcs must be package-relative .proto file names, got %r" % (name, src))
        base = src.lstrip(":")[:-len(".proto")]
        hdrs.append(base + ".pb.h")
        cc_srcs.append(base + ".pb.cc")
        if grpc:
            hdrs.append(base + ".grpc.pb.h")
            cc_srcs.append(base + ".grpc.pb.cc")

    _mdhub_protoc(
        name = name + "_protoc",
        srcs = srcs,
        deps = [_protoc_label(d) for d in deps],
        grpc = grpc,
        strip_prefix = root,
        hdrs = hdrs,
        cc_srcs = cc_srcs,
        visibility = kwargs.get("visibility"),
        testonly = kwargs.get("testonly"),
        tags = kwargs.get("tags"),
    )

    lib_deps = list(deps) + ["@system//:protobuf"]
    if grpc:
        lib_deps.append("@system//:grpc++")
    native.cc_library(
        name = name,
        srcs = cc_srcs,
        hdrs = hdrs,
        deps = lib_deps,
        strip_include_prefix = ("/" + root) if root else None,
        **kwargs
    )
