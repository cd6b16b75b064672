"""System (Debian) C/C++ libraries as Bazel targets, resolved with pkg-config.

`system_libs` is a repository rule: at fetch time it runs
`pkg-config --cflags --libs <modules>` once per target and writes a BUILD file
with one `cc_library` per target (no sources: only `defines`, `linkopts` and,
for headers outside /usr/include, `includes`). Nothing is downloaded.

WORKSPACE:

    load("//bazel:system_libs.bzl", "mdhub_system_libs")
    mdhub_system_libs()   # defines @system

BUILD:

    cc_library(name = "x", deps = ["@system//:rocksdb", "@system//:absl"])

Each target is self-contained: its linkopts are the full, de-duplicated
`pkg-config --libs` output of all its modules (the last occurrence of a
repeated -lfoo is kept, so the order stays valid for static archives), so
targets can be combined in any order. The toolchain links with
-Wl,-no-as-needed, so duplicated -l flags across targets are harmless.
"""

def system_lib(modules = [], pre = [], post = [], defines = [], doc = ""):
    """One @system target.

    Args:
      modules: pkg-config modules (`pkg-config --list-all` lists them).
      pre: linkopts placed before the pkg-config libs (libraries without a .pc
        file that depend on the pkg-config ones).
      post: linkopts placed after them.
      defines: extra preprocessor defines.
      doc: one-line description, written into the generated BUILD file.
    """
    return struct(modules = modules, pre = pre, post = post, defines = defines, doc = doc)

# Abseil modules exposed by @system//:absl (Debian 12 ships Abseil 20220623:
# there is no absl/log yet). Add more from `pkg-config --list-all | grep absl`.
ABSL_MODULES = [
    "absl_algorithm_container",
    "absl_any",
    "absl_base",
    "absl_bind_front",
    "absl_btree",
    "absl_cleanup",
    "absl_cord",
    "absl_core_headers",
    "absl_fixed_array",
    "absl_flat_hash_map",
    "absl_flat_hash_set",
    "absl_function_ref",
    "absl_hash",
    "absl_inlined_vector",
    "absl_int128",
    "absl_memory",
    "absl_node_hash_map",
    "absl_node_hash_set",
    "absl_optional",
    "absl_random_random",
    "absl_span",
    "absl_status",
    "absl_statusor",
    "absl_str_format",
    "absl_strings",
    "absl_synchronization",
    "absl_time",
    "absl_utility",
    "absl_variant",
]

MDHUB_SYSTEM_LIBS = {
    "absl": system_lib(ABSL_MODULES, doc = "Abseil (status, strings, str_format, containers, hash, synchronization, time, ...)"),
    "benchmark": system_lib(["benchmark"], post = ["-pthread"], doc = "Google Benchmark"),
    # libbenchmark_main.a has no .pc file.
    "benchmark_main": system_lib(["benchmark"], pre = ["-lbenchmark_main"], post = ["-pthread"], doc = "Google Benchmark + main()"),
    "cli11": system_lib(["CLI11"], doc = "CLI11 (header-only, /usr/include/CLI)"),
    "crypto": system_lib(["libcrypto"], doc = "OpenSSL libcrypto"),
    "gdal": system_lib(["gdal"], doc = "GDAL/OGR (vector import and export, OSR coordinate systems)"),
    "geos": system_lib(["geos"], doc = "GEOS C API (geometry predicates, validity, prepared geometries)"),
    "gmock": system_lib(["gmock"], doc = "GoogleMock (+ GoogleTest, static archives)"),
    "gmock_main": system_lib(["gmock_main"], doc = "GoogleMock + main()"),
    # libgrpc++_reflection has no .pc file; it needs grpc++ and protobuf.
    "grpc++": system_lib(["grpc++", "protobuf"], pre = ["-lgrpc++_reflection"], doc = "gRPC C++ (+ reflection, protobuf)"),
    "gtest": system_lib(["gtest"], doc = "GoogleTest (static archive)"),
    "gtest_main": system_lib(["gtest_main"], doc = "GoogleTest + main()"),
    # The library's inline code calls OpenSSL, zlib and brotli directly, and the
    # linker wants every library whose symbols the program uses on its command line.
    "httplib": system_lib(["cpp-httplib", "openssl", "zlib", "libbrotlidec", "libbrotlienc"], post = ["-pthread"], doc = "cpp-httplib (compiled, with OpenSSL/zlib/brotli support)"),
    "icu": system_lib(["icu-i18n", "icu-uc"], doc = "ICU (transliteration: traditional to simplified, pinyin)"),
    "jemalloc": system_lib(["jemalloc"], doc = "jemalloc (the allocator of mdhubd and the benchmarks)"),
    "json": system_lib(["nlohmann_json"], doc = "nlohmann/json (header-only)"),
    "pq": system_lib(["libpq"], doc = "libpq (the PostGIS peer of the spatial benchmark)"),
    "proj": system_lib(["proj"], doc = "PROJ (geodesic distances: geodesic.h)"),
    "protobuf": system_lib(["protobuf"], post = ["-pthread"], doc = "libprotobuf"),
    "pthread": system_lib([], post = ["-pthread"], doc = "POSIX threads"),
    "rocksdb": system_lib(["rocksdb"], doc = "RocksDB"),
    "ssl": system_lib(["openssl"], doc = "OpenSSL libssl + libcrypto"),
    "toml": system_lib(["tomlplusplus"], doc = "toml++ (compiled, TOML_HEADER_ONLY=0)"),
    "zlib": system_lib(["zlib"], doc = "zlib"),
}

# Include directories the compiler searches anyway: no flag needed.
_SYSTEM_INCLUDE_DIRS = ["/usr/include", "/usr/local/include"]

def _words(text):
    return [w for w in text.replace("\t", " ").replace("\n", " ").split(" ") if w]

# Linker flags that open a bracket (closed by the matching entry) which must be
# kept together with everything between them when de-duplicating.
_LINK_BRACKETS = {
    "-Wl,--push-state": "-Wl,--pop-state",
    "-Wl,--whole-archive": "-Wl,--no-whole-archive",
    "-Wl,--start-group": "-Wl,--end-group",
    "-Wl,-(": "-Wl,-)",
}

def _link_units(flags):
    """Splits linker flags into units: a single flag or a bracketed group."""
    units = []
    cur = None
    close = None
    for f in flags:
        if cur != None:
            cur.append(f)
            if f == close:
                units.append(" ".join(cur))
                cur = None
            continue
        for opener, closer in _LINK_BRACKETS.items():
            if f.startswith(opener):
                cur = [f]
                close = closer
                break
        if cur == None:
            units.append(f)
    if cur != None:
        units.append(" ".join(cur))
    return units

def _dedupe_keep_last(flags):
    """Removes repeated flags, keeping the last copy (first copy for -L).

    Keeping the last copy keeps a valid static-link order: every library stays
    after all the libraries that need it. Bracketed groups such as
    `-Wl,--push-state,--as-needed -latomic -Wl,--pop-state` are one unit.
    """
    units = _link_units(flags)
    out = []
    for i, u in enumerate(units):
        if u.startswith("-L"):
            if u not in out:
                out.append(u)
        elif u not in units[i + 1:]:
            out.append(u)
    result = []
    for u in out:
        result.extend(u.split(" "))
    return result

def _dedupe_keep_first(items):
    out = []
    for x in items:
        if x not in out:
            out.append(x)
    return out

def _pkg_config(rctx, pkg_config, args):
    res = rctx.execute([pkg_config] + args)
    if res.return_code != 0:
        fail("system_libs: `pkg-config %s` failed (is the -dev package installed? see scripts/setup.sh):\n%s%s" %
             (" ".join(args), res.stdout, res.stderr))
    return res.stdout.strip()

def _quote_list(items, indent = "        "):
    if not items:
        return "[]"
    return "[\n" + "".join(["%s%s,\n" % (indent, repr(x)) for x in items]) + indent[:-4] + "]"

def _system_libs_impl(rctx):
    pkg_config = rctx.which("pkg-config")
    if not pkg_config:
        fail("system_libs: pkg-config not found on PATH (apt-get install pkg-config)")

    build = [
        "# Generated by @mdhub//bazel:system_libs.bzl from pkg-config. Do not edit.",
        "package(default_visibility = [\"//visibility:public\"])",
        "",
        "licenses([\"notice\"])",
        "",
    ]
    include_links = {}  # absolute dir -> repo-relative symlink dir

    for name in sorted(rctx.attr.libs.keys()):
        modules = rctx.attr.libs[name]
        pre = rctx.attr.pre_linkopts.get(name, [])
        post = rctx.attr.post_linkopts.get(name, [])
        defines = list(rctx.attr.defines.get(name, []))
        includes = []
        linkopts = []
        ignored = []
        versions = []
        if modules:
            mod_versions = _pkg_config(rctx, pkg_config, ["--modversion"] + modules).split("\n")
            versions = ["%s %s" % (m, v.strip()) for m, v in zip(modules, mod_versions)]
            cflags = _words(_pkg_config(rctx, pkg_config, ["--cflags"] + modules))
            libs = _words(_pkg_config(rctx, pkg_config, ["--libs"] + modules))
            i = 0
            for _ in range(len(cflags)):
                if i >= len(cflags):
                    break
                f = cflags[i]
                i += 1
                if f in ("-I", "-isystem") and i < len(cflags):
                    f = "-I" + cflags[i]
                    i += 1
                elif f.startswith("-isystem"):
                    f = "-I" + f[len("-isystem"):]
                if f.startswith("-I"):
                    d = f[2:].rstrip("/")
                    if d in _SYSTEM_INCLUDE_DIRS:
                        continue
                    if d not in include_links:
                        link = "_inc/" + d.strip("/").replace("/", "_").replace("+", "p")
                        rctx.symlink(d, link)
                        include_links[d] = link
                    includes.append(include_links[d])
                elif f.startswith("-D"):
                    defines.append(f[2:])
                elif f == "-pthread":
                    post = post + ["-pthread"]
                else:
                    ignored.append(f)
            linkopts = libs
        linkopts = _dedupe_keep_last(pre + linkopts + post)
        defines = _dedupe_keep_first(defines)
        includes = _dedupe_keep_first(includes)

        doc = rctx.attr.docs.get(name, "")
        if doc:
            build.append("# %s" % doc)
        for v in versions:
            build.append("#   pkg-config: %s" % v)
        if ignored:
            build.append("#   ignored cflags (not propagated): %s" % " ".join(ignored))
        build.append("cc_library(")
        build.append("    name = %s," % repr(name))
        if includes:
            build.append("    hdrs = glob(%s)," % repr([d + "/**" for d in includes]))
            build.append("    includes = %s," % _quote_list(includes))
        build.append("    defines = %s," % _quote_list(defines))
        build.append("    linkopts = %s," % _quote_list(linkopts))
        build.append(")")
        build.append("")

    # Code generators used by //bazel:proto.bzl, found on PATH at fetch time.
    tools = {}
    for tool in ("protoc", "grpc_cpp_plugin"):
        path = rctx.which(tool)
        if not path:
            fail("system_libs: %s not found on PATH (apt-get install protobuf-compiler protobuf-compiler-grpc)" % tool)
        tools[tool] = str(path)

    # protoc and libprotobuf must agree on major.minor or generated code won't compile.
    res = rctx.execute([tools["protoc"], "--version"])
    protoc_version = res.stdout.strip().split(" ")[-1]
    lib_version = _pkg_config(rctx, pkg_config, ["--modversion", "protobuf"])
    if protoc_version.split(".")[:2] != lib_version.split(".")[:2]:
        fail("system_libs: protoc %s does not match libprotobuf %s" % (protoc_version, lib_version))

    rctx.file("BUILD.bazel", "\n".join(build))
    rctx.file("WORKSPACE", "workspace(name = %s)\n" % repr(rctx.name))
    rctx.file("tools.bzl", "\n".join([
        "# Generated by @mdhub//bazel:system_libs.bzl. Do not edit.",
        "PROTOC = %s" % repr(tools["protoc"]),
        "GRPC_CPP_PLUGIN = %s" % repr(tools["grpc_cpp_plugin"]),
        "PROTOC_VERSION = %s" % repr(protoc_version),
        "",
    ]))

system_libs = repository_rule(
    implementation = _system_libs_impl,
    attrs = {
        "libs": attr.string_list_dict(doc = "target name -> pkg-config modules"),
        "pre_linkopts": attr.string_list_dict(doc = "target name -> linkopts before the pkg-config libs"),
        "post_linkopts": attr.string_list_dict(doc = "target name -> linkopts after the pkg-config libs"),
        "defines": attr.string_list_dict(doc = "target name -> extra defines"),
        "docs": attr.string_dict(doc = "target name -> one-line description"),
    },
    environ = ["PATH", "PKG_CONFIG_PATH", "PKG_CONFIG_LIBDIR", "PKG_CONFIG_SYSROOT_DIR"],
    local = True,
    doc = "Wraps system libraries found by pkg-config as cc_library targets.",
)

def mdhub_system_libs(name = "system", libs = MDHUB_SYSTEM_LIBS):
    """Defines the @system repository with the libraries in `libs`.

    Args:
      name: repository name.
      libs: dict of target name -> system_lib(...) struct (see MDHUB_SYSTEM_LIBS).
    """
    system_libs(
        name = name,
        libs = {k: v.modules for k, v in libs.items()},
        pre_linkopts = {k: v.pre for k, v in libs.items() if v.pre},
        post_linkopts = {k: v.post for k, v in libs.items() if v.post},
        defines = {k: v.defines for k, v in libs.items() if v.defines},
        docs = {k: v.doc for k, v in libs.items() if v.doc},
    )
