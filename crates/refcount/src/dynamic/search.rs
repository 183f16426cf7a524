//! [`Search`]: where a shared library is looked for, and what was tried.

use std::env::consts::{DLL_PREFIX, DLL_SUFFIX};
use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use super::Library;
use crate::{Error, Result};

/// The platform's file name for a library's short name: `libX.so`, `libX.dylib`, `X.dll`.
///
/// ```
/// # #[cfg(target_os = "linux")]
/// assert_eq!(refcount::dynamic::file_name("testnative"), "libtestnative.so");
/// ```
pub fn file_name(name: &str) -> String {
    format!("{DLL_PREFIX}{name}{DLL_SUFFIX}")
}

/// One place a [`Search`] tried, and what happened there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// A file, a folder or the system loader.
    pub place: String,
    /// Why the library did not come from there.
    pub outcome: String,
}

impl fmt::Display for Attempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.outcome)
    }
}

/// Finds a shared library by its short name (`"testnative"` for `libtestnative.so`).
///
/// The places, in order; the first file that loads wins:
/// 1. the [environment variable](Search::env_var), naming a file or a folder;
/// 2. the [folders](Search::dir) given, in the order given;
/// 3. the executable's folder (unless [turned off](Search::exe_dir));
/// 4. the folders of the loader's path variable (`LD_LIBRARY_PATH`,
///    `DYLD_LIBRARY_PATH` or `PATH`) and the system loader's own search, by file name;
/// 5. on Linux, the system's library folders, for versioned sonames only.
///
/// In each folder, the platform's file name is tried first, then versioned ones
/// (`libX.so.4`, `libX.so.4.1`, `libX.4.dylib`): runtime packages often ship only
/// those. The highest major version comes first, and within a major version the
/// soname (`libX.so.4`, the name programs link against) before full versions.
/// [`version`](Search::version) pins the major version: only its files are tried,
/// never the unversioned name, which may point to another one. Each folder is tried
/// once, however many of the places name it. When nothing loads,
/// [`Error::LibraryNotFound`] lists every attempt.
#[derive(Debug, Clone)]
pub struct Search {
    name: String,
    env_var: Option<String>,
    dirs: Vec<PathBuf>,
    exe_dir: bool,
    system: bool,
    major: Option<u64>,
}

impl Search {
    /// A search for the library with this short name, in the default places.
    pub fn new(name: impl Into<String>) -> Self {
        Search {
            name: name.into(),
            env_var: None,
            dirs: Vec::new(),
            exe_dir: true,
            system: true,
            major: None,
        }
    }

    /// Accepts only major version `major` (`libcairo.so.2` and `libcairo.so.2.*` for
    /// `Search::new("cairo").version(2)`), as a program linked against that soname
    /// would: another major version has another ABI. A file named by the
    /// [environment variable](Search::env_var) is taken as it is, and on Windows,
    /// whose libraries carry no version in their names, the pin changes nothing.
    pub fn version(mut self, major: u64) -> Self {
        self.major = Some(major);
        self
    }

    /// Looks first where the environment variable `var` points (a file or a folder).
    pub fn env_var(mut self, var: impl Into<String>) -> Self {
        self.env_var = Some(var.into());
        self
    }

    /// Looks in `dir`, after the environment variable and earlier folders.
    pub fn dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dirs.push(dir.into());
        self
    }

    /// Whether to look in the executable's folder (on by default).
    pub fn exe_dir(mut self, look: bool) -> Self {
        self.exe_dir = look;
        self
    }

    /// Whether to ask the system loader and look in the system's folders (on by default).
    pub fn system(mut self, look: bool) -> Self {
        self.system = look;
        self
    }

    /// Loads the first candidate that loads, or lists every place tried.
    ///
    /// # Safety
    ///
    /// Loading runs the library's initialisers, which can do anything.
    pub unsafe fn load(&self) -> Result<Library> {
        let mut tried = Vec::new();
        // SAFETY: the caller accepts the initialisers of the library found.
        match unsafe { self.load_into(&mut tried) } {
            Some(library) => Ok(library),
            None => Err(Error::LibraryNotFound {
                name: self.name.clone(),
                tried,
            }),
        }
    }

    /// # Safety
    ///
    /// As for [`load`](Search::load).
    unsafe fn load_into(&self, tried: &mut Vec<Attempt>) -> Option<Library> {
        let mut seen = Seen::default();
        if let Some(var) = &self.env_var {
            match std::env::var_os(var).filter(|value| !value.is_empty()) {
                Some(value) => {
                    // SAFETY: passed on from the caller.
                    if let Some(lib) = unsafe { self.in_env_place(var, value, &mut seen, tried) } {
                        return Some(lib);
                    }
                }
                None => tried.push(Attempt {
                    place: format!("${var}"),
                    outcome: "not set".into(),
                }),
            }
        }
        let exe_dir = self.exe_dir.then(exe_dir).flatten();
        let path_dirs = if self.system {
            loader_path_dirs()
        } else {
            Vec::new()
        };
        for dir in self.dirs.iter().chain(&exe_dir).chain(&path_dirs) {
            if !seen.first_time(dir) {
                continue;
            }
            // SAFETY: passed on from the caller.
            if let Some(lib) = unsafe { self.in_dir(dir, tried) } {
                return Some(lib);
            }
        }
        if !self.system {
            return None;
        }
        let file = self.loader_name();
        // SAFETY: passed on from the caller.
        match unsafe { Library::try_open(Path::new(&file)) } {
            Ok(lib) => return Some(lib),
            Err(outcome) => tried.push(Attempt {
                place: format!("system loader ({file})"),
                outcome,
            }),
        }
        for dir in system_dirs() {
            if !seen.first_time(&dir) {
                continue;
            }
            // SAFETY: passed on from the caller.
            if let Some(lib) = unsafe { self.versioned_in(&dir, tried) } {
                return Some(lib);
            }
        }
        None
    }

    /// The name the system loader is asked for: the soname when a version is pinned.
    fn loader_name(&self) -> String {
        match self.major {
            Some(major) if cfg!(target_vendor = "apple") => {
                format!("{DLL_PREFIX}{}.{major}{DLL_SUFFIX}", self.name)
            }
            Some(major) if !cfg!(windows) => format!("{}.{major}", file_name(&self.name)),
            _ => file_name(&self.name),
        }
    }

    /// # Safety
    ///
    /// As for [`load`](Search::load).
    unsafe fn in_env_place(
        &self,
        var: &str,
        value: OsString,
        seen: &mut Seen,
        tried: &mut Vec<Attempt>,
    ) -> Option<Library> {
        let path = PathBuf::from(value);
        if path.is_dir() {
            seen.first_time(&path);
            // SAFETY: passed on from the caller.
            return unsafe { self.in_dir(&path, tried) };
        }
        let place = format!("${var} = {}", path.display());
        if !path.exists() {
            tried.push(Attempt {
                place,
                outcome: "no such file or folder".into(),
            });
            return None;
        }
        // SAFETY: passed on from the caller.
        unsafe { Library::try_open(&path) }
            .map_err(|outcome| tried.push(Attempt { place, outcome }))
            .ok()
    }

    /// # Safety
    ///
    /// As for [`load`](Search::load).
    unsafe fn in_dir(&self, dir: &Path, tried: &mut Vec<Attempt>) -> Option<Library> {
        let plain = dir.join(file_name(&self.name));
        if (self.major.is_none() || cfg!(windows)) && plain.is_file() {
            // SAFETY: passed on from the caller.
            match unsafe { Library::try_open(&plain) } {
                Ok(lib) => return Some(lib),
                Err(outcome) => tried.push(Attempt {
                    place: plain.display().to_string(),
                    outcome,
                }),
            }
        }
        // SAFETY: passed on from the caller.
        unsafe { self.versioned_in(dir, tried) }
    }

    /// Tries the versioned files of the library in `dir`, in [`Search`]'s order.
    ///
    /// # Safety
    ///
    /// As for [`load`](Search::load).
    unsafe fn versioned_in(&self, dir: &Path, tried: &mut Vec<Attempt>) -> Option<Library> {
        let candidates = versioned_files(dir, &self.name, self.major);
        if candidates.is_empty() {
            let plain = dir.join(file_name(&self.name));
            if self.major.is_some() || !plain.is_file() {
                let outcome = format!("not found (nor {})", self.versioned_pattern());
                tried.push(Attempt {
                    place: plain.display().to_string(),
                    outcome,
                });
            }
            return None;
        }
        for path in candidates {
            // SAFETY: passed on from the caller.
            match unsafe { Library::try_open(&path) } {
                Ok(lib) => return Some(lib),
                Err(outcome) => tried.push(Attempt {
                    place: path.display().to_string(),
                    outcome,
                }),
            }
        }
        None
    }

    /// How the accepted versioned file names look on this platform, for messages.
    fn versioned_pattern(&self) -> String {
        let version = self.major.map_or("N".to_owned(), |major| major.to_string());
        let name = &self.name;
        if cfg!(target_vendor = "apple") {
            format!("{DLL_PREFIX}{name}.{version}{DLL_SUFFIX}")
        } else if self.major.is_some() {
            format!("{}.{version} or {0}.{version}.*", file_name(name))
        } else {
            format!("any versioned {}.{version}", file_name(name))
        }
    }
}

/// The folders a search has looked in already, so that each is tried once.
#[derive(Default)]
struct Seen(Vec<PathBuf>);

impl Seen {
    /// Whether `dir` is new; records it. Folders are compared as the system resolves
    /// them, so `lib/` and `lib/../lib` are one folder.
    fn first_time(&mut self, dir: &Path) -> bool {
        let key = dir.canonicalize().unwrap_or_else(|_| dir.to_owned());
        if self.0.contains(&key) {
            return false;
        }
        self.0.push(key);
        true
    }
}

/// The version numbers in `file`, if it is a versioned file name of library `name`.
fn version_of(file: &str, name: &str) -> Option<Vec<u64>> {
    let digits = if cfg!(target_vendor = "apple") {
        let stem = file.strip_prefix(&format!("{DLL_PREFIX}{name}."))?;
        stem.strip_suffix(DLL_SUFFIX)?
    } else if cfg!(windows) {
        return None;
    } else {
        file.strip_prefix(&format!("{}.", file_name(name)))?
    };
    digits.split('.').map(|part| part.parse().ok()).collect()
}

/// The versioned files of library `name` in `dir` (of major version `major` only,
/// when given): highest major version first, and within one, the soname (`libX.so.4`)
/// before full versions (`libX.so.4.1`, highest first).
fn versioned_files(dir: &Path, name: &str, major: Option<u64>) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(Vec<u64>, PathBuf)> = entries
        .flatten()
        .filter_map(|entry| {
            let version = version_of(entry.file_name().to_str()?, name)?;
            Some((version, entry.path()))
        })
        .filter(|(version, _)| major.map_or(true, |major| version.first() == Some(&major)))
        .collect();
    found.sort_by(|(a, _), (b, _)| {
        let soname = |v: &[u64]| v.len() == 1;
        b[0].cmp(&a[0])
            .then(soname(b).cmp(&soname(a)))
            .then(b.cmp(a))
    });
    found.into_iter().map(|(_, path)| path).collect()
}

fn exe_dir() -> Option<PathBuf> {
    std::env::current_exe()
        .ok()?
        .parent()
        .map(Path::to_path_buf)
}

/// The folders of the variable the platform's loader searches.
fn loader_path_dirs() -> Vec<PathBuf> {
    let var = if cfg!(windows) {
        "PATH"
    } else if cfg!(target_vendor = "apple") {
        "DYLD_LIBRARY_PATH"
    } else {
        "LD_LIBRARY_PATH"
    };
    std::env::var_os(var)
        .map(|value| {
            std::env::split_paths(&value)
                .filter(|dir| !dir.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The folders where Linux distributions put shared libraries.
fn system_dirs() -> Vec<PathBuf> {
    if !cfg!(target_os = "linux") {
        return Vec::new();
    }
    let multiarch = format!("{}-linux-gnu", std::env::consts::ARCH);
    ["/usr/local/lib", "/usr/lib", "/lib"]
        .iter()
        .flat_map(|root| [PathBuf::from(root).join(&multiarch), PathBuf::from(root)])
        .filter(|dir| dir.is_dir())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn versions_are_read_from_linux_sonames() {
        assert_eq!(version_of("libfoo.so.4", "foo"), Some(vec![4]));
        assert_eq!(version_of("libfoo.so.4.1.10", "foo"), Some(vec![4, 1, 10]));
        assert_eq!(version_of("libfoo.so", "foo"), None);
        assert_eq!(version_of("libfoo.so.4a", "foo"), None);
        assert_eq!(version_of("libfoobar.so.4", "foo"), None);
    }
}
