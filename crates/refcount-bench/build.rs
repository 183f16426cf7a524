//! Compiles the `std::shared_ptr` shim and the library's C API (to compare a linked
//! call with a loaded one); the C++ classes themselves come from `dog-cxx`.

fn main() {
    cxx_build::bridge("src/lib.rs")
        .file("src/shared_ptr.cc")
        .file("../../native-cpp/src/c_api.cpp")
        .include("../../native-cpp/include")
        .define("TESTNATIVE_STATIC", None)
        .std("c++17")
        .compile("refcount-bench");
    for path in ["src/lib.rs", "src/shared_ptr.cc", "include/shared_ptr.h"] {
        println!("cargo:rerun-if-changed={path}");
    }
}
