//! Writes the records of `reftrace parse` in one of its streamed layouts, a long list's
//! made on two threads.
//!
//! A long news-style list ([`Chunked`]) is made a chunk of entries at a time: each thread
//! takes the next chunk not yet taken, makes its records and renders them into bytes,
//! leaving each record's key out (`""`), and drops them, so a record never crosses a
//! thread. The calling thread writes the chunks in list order, putting in the keys
//! (a key depends on every key before it, [`Keys::next`]); while the chunk it must write
//! next is still being made by the other thread, it makes a later one itself instead of
//! waiting, so a thread that the machine does not run for a while delays nothing but its
//! own chunk. At most [`AHEAD`] chunks wait to be written. The output is byte for byte
//! the one-thread output.

use super::table::Table;
use crate::refs::{KeyStem, Keys};
use crate::{Chunked, Reference};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// Chunks that may be made ahead of the one being written.
const AHEAD: usize = 4;

/// Lists shorter than this are made on the writing thread alone.
pub const MIN_ENTRIES: usize = 4 * Chunked::CHUNK;

/// How the records are laid out.
#[derive(Debug, Clone, Copy)]
pub enum Layout {
    /// The elements of the one-object JSON's `references` array.
    Json,
    /// One `{"type":"reference",…}` line per record (the kind of work as `work_type`).
    JsonLines,
    /// One row of [`Table`] per record.
    Table,
}

impl Layout {
    /// Writes what comes before record `i` (0-based in the list).
    fn open(self, out: &mut Vec<u8>, i: usize) {
        out.extend_from_slice(match self {
            Layout::Json if i > 0 => b",{",
            Layout::Json => b"{",
            Layout::JsonLines => b"{\"type\":\"reference\",",
            Layout::Table => b"",
        });
    }

    /// Writes what comes after a record.
    fn close(self, out: &mut Vec<u8>) {
        out.extend_from_slice(match self {
            Layout::Json => b"}",
            Layout::JsonLines => b"}\n",
            Layout::Table => b"",
        });
    }

    /// Writes record `r` as it is, key and all.
    fn whole(self, out: &mut Vec<u8>, table: &mut Table, r: &Reference) {
        match self {
            Layout::Json => {
                crate::refs::json::write_members(out, r);
            }
            Layout::JsonLines => {
                crate::refs::json::write_line_members(out, r);
            }
            Layout::Table => table.row(out, r),
        }
    }

    /// Writes record `r`, whose key is not known yet: returns where its key's `""` is
    /// in `out` when the layout shows keys.
    fn keyless(self, out: &mut Vec<u8>, table: &mut Table, r: &Reference) -> Option<usize> {
        match self {
            Layout::Json => Some(crate::refs::json::write_members(out, r)),
            Layout::JsonLines => Some(crate::refs::json::write_line_members(out, r)),
            Layout::Table => {
                table.row(out, r);
                None
            }
        }
    }
}

/// The records to write: made one at a time on this thread, or a long list's, in chunks
/// on two.
pub enum Body<'a, I> {
    Records(I),
    Chunked(Chunked<'a>),
}

impl<I: ExactSizeIterator> Body<'_, I> {
    /// How many records there are.
    pub fn len(&self) -> usize {
        match self {
            Body::Records(records) => records.len(),
            Body::Chunked(list) => list.len(),
        }
    }
}

/// Where records are written: the output gathered in `buf` and handed on by `pass_on`
/// as it grows; `any_parsed` is set once a record written was read (not unparsed), also
/// when the output fails (a reader that closed the pipe) later.
pub struct Sink<'a> {
    pub buf: &'a mut Vec<u8>,
    pub pass_on: &'a mut dyn FnMut(&mut Vec<u8>) -> std::io::Result<()>,
    pub any_parsed: &'a Cell<bool>,
}

impl Sink<'_> {
    /// Notes that a record was written, read or not.
    fn wrote(&self, parsed: bool) {
        self.any_parsed.set(self.any_parsed.get() || parsed);
    }

    /// Hands the output on once there is enough of it.
    fn pass_on(&mut self) -> std::io::Result<()> {
        (self.pass_on)(self.buf)
    }
}

/// Writes the records of `body` into `sink` in `layout`.
pub fn write<I: Iterator<Item = Reference>>(
    mut sink: Sink<'_>,
    layout: Layout,
    body: Body<'_, I>,
) -> std::io::Result<()> {
    match body {
        Body::Records(records) => {
            let mut table = Table::default();
            for (i, r) in records.enumerate() {
                layout.open(sink.buf, i);
                layout.whole(sink.buf, &mut table, &r);
                layout.close(sink.buf);
                sink.wrote(r.parsed);
                sink.pass_on()?;
            }
            Ok(())
        }
        Body::Chunked(list) => two_threads(&list, layout, sink),
    }
}

/// One chunk's records rendered one after the other, keys left out.
#[derive(Default)]
struct Made {
    bytes: Vec<u8>,
    records: Vec<MadeRecord>,
}

/// Where a rendered record ends in its chunk's bytes, where its key goes, and what
/// the key is made from.
struct MadeRecord {
    end: usize,
    key_at: Option<usize>,
    stem: KeyStem,
    parsed: bool,
}

/// Makes and renders chunk `c` of `list`. Its bytes start with room for the largest
/// chunk made so far (`largest`), so that they are seldom copied as they grow.
fn make(list: &Chunked<'_>, layout: Layout, c: usize, largest: &AtomicUsize) -> Made {
    let mut made = Made {
        bytes: Vec::with_capacity(largest.load(Ordering::Relaxed)),
        records: Vec::with_capacity(Chunked::CHUNK),
    };
    let mut table = Table::default();
    list.make(c, |r, stem| {
        let key_at = layout.keyless(&mut made.bytes, &mut table, &r);
        made.records.push(MadeRecord {
            end: made.bytes.len(),
            key_at,
            stem,
            parsed: r.parsed,
        });
    });
    largest.fetch_max(made.bytes.len(), Ordering::Relaxed);
    made
}

/// What the two threads share.
#[derive(Default)]
struct State {
    /// The first chunk nobody has taken.
    next: usize,
    /// Chunks written so far.
    written: usize,
    /// Chunks made and not written yet.
    made: BTreeMap<usize, Made>,
    /// The writer has finished or failed: take no more chunks.
    stop: bool,
    /// The other thread has ended (or died): the writer makes what is left.
    helper_gone: bool,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    /// The most bytes a chunk made so far took.
    largest: AtomicUsize,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'a>(&self, guard: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        self.changed
            .wait(guard)
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// Raises a flag of the shared state when dropped, however the code it guards ends (a
/// panic too), and wakes the other thread: the writer's `stop`, so that the other thread
/// does not wait for room forever, and the other thread's `helper_gone`, so that the
/// writer does not wait for a chunk that will never come.
struct Raise<'a> {
    shared: &'a Shared,
    flag: fn(&mut State) -> &mut bool,
}

impl Drop for Raise<'_> {
    fn drop(&mut self) {
        *(self.flag)(&mut self.shared.lock()) = true;
        self.shared.changed.notify_all();
    }
}

/// The list made on this thread and one other, written here.
fn two_threads(list: &Chunked<'_>, layout: Layout, sink: Sink<'_>) -> std::io::Result<()> {
    let shared = Shared {
        state: Mutex::new(State::default()),
        changed: Condvar::new(),
        largest: AtomicUsize::new(0),
    };
    let n = list.chunks();
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new().spawn_scoped(scope, || {
            let _gone = Raise {
                shared: &shared,
                flag: |state| &mut state.helper_gone,
            };
            helper(&shared, list, layout, n);
        });
        if spawned.is_err() {
            // No second thread to be had: this one makes every chunk.
            shared.lock().helper_gone = true;
        }
        let _stop = Raise {
            shared: &shared,
            flag: |state| &mut state.stop,
        };
        writer(&shared, list, layout, sink)
    })
}

/// The other thread: makes the next chunk not taken, within [`AHEAD`] of the writer.
fn helper(shared: &Shared, list: &Chunked<'_>, layout: Layout, n: usize) {
    loop {
        let c = {
            let mut state = shared.lock();
            loop {
                if state.stop || state.next >= n {
                    return;
                }
                if state.next < state.written + AHEAD {
                    state.next += 1;
                    break state.next - 1;
                }
                state = shared.wait(state);
            }
        };
        let made = make(list, layout, c, &shared.largest);
        shared.lock().made.insert(c, made);
        shared.changed.notify_all();
    }
}

/// The calling thread: writes the chunks in order, making chunks itself rather than
/// waiting for the other thread.
fn writer(
    shared: &Shared,
    list: &Chunked<'_>,
    layout: Layout,
    mut sink: Sink<'_>,
) -> std::io::Result<()> {
    let n = list.chunks();
    let mut keys = Keys::with_capacity(list.len());
    let mut i = 0;
    for w in 0..n {
        let made = loop {
            let mut state = shared.lock();
            if let Some(made) = state.made.remove(&w) {
                break made;
            }
            if state.next <= w || (state.next < n && state.next <= w + AHEAD) {
                // Not taken yet (then it is `w` itself), or a later one: made here.
                let c = state.next;
                state.next += 1;
                drop(state);
                let made = make(list, layout, c, &shared.largest);
                if c == w {
                    break made;
                }
                shared.lock().made.insert(c, made);
                continue;
            }
            if state.helper_gone {
                // Taken by a thread that is gone without handing it over.
                drop(state);
                break make(list, layout, w, &shared.largest);
            }
            drop(shared.wait(state));
        };
        let mut from = 0;
        let Sink {
            buf, any_parsed, ..
        } = &mut sink;
        for r in &made.records {
            layout.open(buf, i);
            if let Some(at) = r.key_at {
                buf.extend_from_slice(&made.bytes[from..at]);
                crate::refs::json::string(buf, &keys.next(&r.stem));
                from = at + 2;
            }
            buf.extend_from_slice(&made.bytes[from..r.end]);
            from = r.end;
            layout.close(buf);
            any_parsed.set(any_parsed.get() || r.parsed);
            i += 1;
        }
        sink.pass_on()?;
        shared.lock().written = w + 1;
        shared.changed.notify_all();
    }
    Ok(())
}

/// Whether this process may run a second thread on another core.
pub fn second_core() -> bool {
    std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
}
