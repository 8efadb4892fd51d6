// photo-worker.js: the dedicated Web Worker that makes photos ready
// (platform/photos.h). It runs the photo module (src/photo: photo.<hash>.js
// and .wasm, media's stb code) away from the page's thread, one job at a time,
// in the order the jobs came.
//
// Messages in:
//   {init: {script, wasm}}   first: the hashed names of photo.js and photo.wasm
//                            (index.html's <meta name="tokhai-assets">), relative
//                            to this file; the module is loaded then
//   {ticket, job: "prepare" | "thumbnail", bytes: ArrayBuffer}
// Messages out, one per job, the ArrayBuffers transferred:
//   {ticket, ok: true, jpeg: Uint8Array | null, width, height,
//    thumb: {width, height, rgb: Uint8Array}, error: null}
//                            (jpeg, width and height: prepare only; rgb is
//                            width × height × 3 bytes, rows top to bottom)
//   {ticket, ok: false, jpeg: null, width: 0, height: 0, thumb: null,
//    error: {code, vi, en}}  a media.* refusal with the citizen's messages, or
//                            code "photo.unavailable" (vi, en empty: the page
//                            has its own message; `detail` says why, in English)
//   {broken: why}            once, after the module failed to load or stopped
//                            (its files missing offline, out of memory, any
//                            abort): every job held and every later one is
//                            answered photo.unavailable; the page then
//                            terminates this worker and starts a fresh one for
//                            the next job.
'use strict';

const UNAVAILABLE = 'photo.unavailable';
const jobs = [];      // waiting, in the order they came
let names = null;     // {script, wasm} once init arrived
let module = null;    // the photo module once it is running
let current = null;   // the job the module is working on
let broken = '';      // why the module cannot be used; '' while it can

function refusal(ticket, error) {
  return { ticket, ok: false, jpeg: null, width: 0, height: 0, thumb: null, error };
}

function unavailable(job, why) {
  self.postMessage(refusal(job.ticket, { code: UNAVAILABLE, vi: '', en: '', detail: why }));
}

function fail(why) {
  if (broken) return;
  broken = why || 'the photo module stopped';
  module = null;
  const held = (current ? [current] : []).concat(jobs.splice(0));
  current = null;
  for (const job of held) unavailable(job, broken);
  self.postMessage({ broken });
}

function load() {
  try {
    importScripts(names.script);
  } catch (error) {
    fail(`cannot load ${names.script}: ${error}`);
    return;
  }
  createPhotoModule({
    locateFile: (path, prefix) => prefix + (path === 'photo.wasm' ? names.wasm : path),
    onAbort: (reason) => fail(`the photo module aborted: ${reason}`),
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
  }).then((loaded) => {
    if (broken) return;
    module = loaded;
    runWaitingJobs();
  }, (error) => fail(`the photo module did not start: ${error}`));
}

// Runs `job` in the module; returns [answer, transferables]. Throws when the
// module fails (an abort, no memory for the file).
function run(m, job) {
  const bytes = new Uint8Array(job.bytes);
  const file = m._malloc(Math.max(1, bytes.length));
  if (!file) throw new Error(`no memory for a file of ${bytes.length} bytes`);
  m.HEAPU8.set(bytes, file);
  const ok = job.job === 'prepare'
    ? m._tokhai_photo_prepare(file, bytes.length)
    : m._tokhai_photo_thumbnail(file, bytes.length);
  m._free(file);
  if (!ok) {
    const text = (part) => m.UTF8ToString(m._tokhai_photo_answer_error(part));
    const answer = refusal(job.ticket, { code: text(0), vi: text(1), en: text(2) });
    m._tokhai_photo_release();
    return [answer, []];
  }
  // HEAPU8 is read after the job: memory may have grown (a new buffer).
  const heap = m.HEAPU8;
  const copy = (at, size) => heap.slice(at >>> 0, (at >>> 0) + size);
  const thumbWidth = m._tokhai_photo_answer_thumbnail_width();
  const thumbHeight = m._tokhai_photo_answer_thumbnail_height();
  const rgb = copy(m._tokhai_photo_answer_thumbnail_rgb(), thumbWidth * thumbHeight * 3);
  const answer = {
    ticket: job.ticket, ok: true, jpeg: null, width: 0, height: 0,
    thumb: { width: thumbWidth, height: thumbHeight, rgb }, error: null,
  };
  const transfer = [rgb.buffer];
  if (job.job === 'prepare') {
    answer.jpeg = copy(m._tokhai_photo_answer_jpeg(), m._tokhai_photo_answer_jpeg_size() >>> 0);
    answer.width = m._tokhai_photo_answer_width();
    answer.height = m._tokhai_photo_answer_height();
    transfer.push(answer.jpeg.buffer);
  }
  m._tokhai_photo_release();
  return [answer, transfer];
}

function runWaitingJobs() {
  while (module && jobs.length > 0) {
    current = jobs.shift();
    let answer;
    try {
      answer = run(module, current);
    } catch (error) {
      fail(`the photo module stopped: ${error}`);
      return;
    }
    current = null;
    self.postMessage(answer[0], answer[1]);
  }
}

self.onmessage = (event) => {
  const message = event.data;
  if (message && message.init) {
    if (names) return;
    names = message.init;
    load();
    return;
  }
  if (!message || (message.job !== 'prepare' && message.job !== 'thumbnail') ||
      !(message.bytes instanceof ArrayBuffer)) {
    if (message && 'ticket' in message) unavailable(message, 'not a photo job');
    return;
  }
  if (broken) {
    unavailable(message, broken);
    return;
  }
  jobs.push(message);
  runWaitingJobs();
};
