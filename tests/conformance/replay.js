'use strict'
// Replays, with the official Node.js client, every call the captures in
// $AS_REFERENCE_DIR/cdt/all.json recorded against a real Aerospike server,
// in the recorded order, and requires minispike to give the client the same
// results: the same bins and generation, the same ttl (to the second), the
// same result code on errors. The recorded calls are written in Node syntax
// with a few shorthands (key "k", Buffer[..], WritePolicy{..}, bare flag
// names); translate() turns them into code.
//
// Environment: MINISPIKE_PORTS / MINISPIKE_PORT as for conformance.js, and
// AS_REFERENCE_DIR. Families not yet served by minispike are listed in
// PENDING and reported as skipped, never as passed.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const Aerospike = require('aerospike')

const ports = (process.env.MINISPIKE_PORTS || process.env.MINISPIKE_PORT || '')
  .split(/\s+/).filter(Boolean).map(Number)
const refDir = process.env.AS_REFERENCE_DIR
if (ports.length === 0 || !refDir) {
  console.error('replay.js: set MINISPIKE_PORT(S) and AS_REFERENCE_DIR')
  process.exit(2)
}
const capture = JSON.parse(fs.readFileSync(path.join(refDir, 'cdt', 'all.json'), 'utf8'))

// Case families by name prefix. Every case must belong to one, so a new
// capture cannot be silently left out.
const FAMILIES = ['list', 'map', 'ctx', 'bit', 'hll', 'filt', 'expop', 'put']
const PENDING = new Set()
// Cases that are not calls of the Node client: connection set-up (tending is
// covered by conformance.js). Steps sent as a frame built by hand on a raw
// socket are replayed byte for byte by the unit tests instead; the client
// steps of their cases still run, since later cases count the generations
// those writes left (bit_count_lscan_raw's put before bit_multi_read).
const NOT_CLIENT_CALLS = new Set(['connect_tend'])
const RAW_STEP = /^raw socket:/

const { lists, maps, bitwise, hll, exp, operations } = Aerospike
const policy = Aerospike.policy

// Bare names used by the recorded calls. Where two families use one name
// the values must agree, which is checked once here.
function flagScope () {
  const scope = {}
  const add = (name, value) => {
    if (name in scope) assert.equal(scope[name], value, `flag ${name} means two things`)
    scope[name] = value
  }
  const addAll = obj => { for (const [k, v] of Object.entries(obj)) if (typeof v === 'number') add(k, v) }
  addAll(lists.returnType)
  addAll(lists.sortFlags)
  addAll(lists.writeFlags)
  addAll(lists.order)
  addAll(maps.returnType)
  addAll(maps.writeFlags)
  addAll(maps.order)
  addAll(bitwise.resizeFlags)
  addAll(bitwise.overflow)
  addAll(exp.expWriteFlags)
  addAll(exp.expReadFlags)
  // CREATE_ONLY of HLL policies has the map's value; checked by add().
  addAll(hll.writeFlags)
  add('CREATE_OR_REPLACE', policy.exists.CREATE_OR_REPLACE)
  add('SEND', policy.key.SEND)
  return scope
}
const FLAGS = flagScope()

// Translate one recorded call into a JavaScript expression.
function translate (call) {
  let s = call
  s = s.replace(/\s+\[(setup|to fetch)[^\]]*\]\s*$/, '')
  s = s.replace(/\s+where h2val = .*$/, '')
  s = s.replace(/\s+\[Node 6\.7\.1 [^\]]*\]/, '')
  s = s.replace(/\s+\[hand-built (?:[^[\]]|\[[^[\]]*\])*\]/g, '')
  // Prose remarks in parentheses after an argument, e.g. "(s is a string bin)".
  s = s.replace(/\s+\((numeric value|s is a|i is an|top-level)[^)]*\)/g, '')
  s = s.replace(/key "([^"]*)"/g, 'K("$1")')
  s = s.replace(/Buffer\[([0-9a-f]*)\]/g, 'Buffer.from("$1", "hex")')
  s = s.replace(/"Buffer\(([0-9a-f]*)\)"/g, 'Buffer.from("$1", "hex")')
  // operate(key, ops, metadata, policy): a recorded policy right after the
  // ops takes the policy's place, not the metadata's.
  s = s.replace(/\], OperatePolicy\{/g, '], null, OperatePolicy{')
  return wrapPolicies(s)
}

// "WritePolicy{a: 1}" -> "({a: 1})": the braces are matched by counting.
function wrapPolicies (s) {
  const re = /\b(Read|Write|Remove|Operate)Policy\{/
  let m
  while ((m = re.exec(s)) !== null) {
    let i = m.index + m[0].length
    for (let depth = 1; depth > 0; i++) {
      assert.ok(i < s.length, `unbalanced policy in: ${s}`)
      if (s[i] === '{') depth++
      else if (s[i] === '}') depth--
    }
    s = s.slice(0, m.index) + '({' + s.slice(m.index + m[0].length, i) + ')' + s.slice(i)
  }
  return s
}

// Hand-built expression arrays of the captures (Node 6.7.1 encodes these two
// wrongly; the capture sent the arrays the C client would).
const digest_modulo = n => [{ op: 64, count: 2 }, ...exp.int(n)]
const is_tombstone = () => [{ op: 72, count: 1 }]

function expopReadMeta () {
  const r = (name, e) => exp.operations.read(name, e, 0)
  return [r('dm3', digest_modulo(3)), r('rsz', exp.recordSize()), r('dsz', exp.deviceSize()),
    r('msz', exp.memorySize()), r('ttl', exp.ttl()), r('vt', exp.voidTime()), r('lut', exp.lastUpdate()),
    r('su', exp.sinceUpdate()), r('setn', exp.setName()), r('kex', exp.keyExist()), r('tomb', is_tombstone()),
    r('key', exp.keyStr()), r('btl', exp.binType('l'))]
}

// The client-visible result as recorded: {ok, value} or {code}.
function parseRecorded (text) {
  const m = /^error code=(-?\d+)/.exec(text)
  if (m) return { code: Number(m[1]) }
  assert.ok(text.startsWith('ok'), `unknown recorded result: ${text}`)
  const body = text.slice(2).trim()
  return { ok: true, value: body === '' ? undefined : revive(JSON.parse(body)) }
}

function revive (v) {
  if (Array.isArray(v)) return v.map(revive)
  if (v && typeof v === 'object') {
    const keys = Object.keys(v)
    if (keys.length === 1 && keys[0] === 'bigint') return BigInt(v.bigint)
    if (keys.length === 1 && keys[0] === 'Buffer_hex') return Buffer.from(v.Buffer_hex, 'hex')
    const out = {}
    for (const k of keys) out[k] = revive(v[k])
    return out
  }
  return v
}

// Plain data from what the client returned, comparable with revive()'s.
function plain (v) {
  if (v === null || v === undefined) return v
  if (Buffer.isBuffer(v)) return Buffer.from(v)
  if (v instanceof Map) {
    const out = {}
    for (const [k, x] of v) out[k] = plain(x)
    return out
  }
  if (Array.isArray(v)) return v.map(plain)
  if (typeof v === 'object') {
    const out = {}
    for (const k of Object.keys(v)) out[k] = plain(v[k])
    return out
  }
  return v
}

// Times the real server reported (void time, last update, since update) cannot match a
// replay: compare them as "a time of the right kind".
const TIME_BINS = new Set(['vt', 'lut', 'su'])

function compareResult (got, want, what) {
  if (typeof want === 'boolean') return assert.equal(got, want, what)
  if (want === undefined) return
  if ('bins' in want) {
    assert.ok(got && typeof got === 'object', `${what}: expected a record, got ${got}`)
    const bins = plain(got.bins)
    for (const name of Object.keys(want.bins)) {
      if (TIME_BINS.has(name)) {
        assert.equal(typeof bins[name], typeof want.bins[name], `${what}: bin ${name} type`)
        continue
      }
      assert.deepEqual(bins[name], want.bins[name], `${what}: bin ${name}`)
    }
    assert.deepEqual(Object.keys(bins).sort(), Object.keys(want.bins).sort(), `${what}: bin names`)
    assert.equal(got.gen, want.gen, `${what}: generation`)
    if (want.ttl <= 0) assert.equal(got.ttl, want.ttl, `${what}: ttl`)
    else assert.ok(got.ttl <= want.ttl && got.ttl >= want.ttl - 3, `${what}: ttl ${got.ttl}, expected about ${want.ttl}`)
    return
  }
  if ('removeError' in want) return
  if ('ns' in want) {
    assert.equal(got.ns, want.ns, `${what}: key namespace`)
    assert.equal(got.set, want.set, `${what}: key set`)
    assert.deepEqual(plain(got.digest), want.digest, `${what}: key digest`)
  }
}

let client

test.before(async () => {
  const pol = { totalTimeout: 5000, socketTimeout: 5000 }
  client = await Aerospike.connect({
    hosts: [{ addr: '127.0.0.1', port: ports[0] }],
    log: { level: Aerospike.log.OFF },
    policies: { read: pol, write: pol, operate: pol, remove: pol, info: { timeout: 5000 } }
  })
  for (let i = 0; i < 100 && client.getNodes().length < ports.length; i++) {
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  assert.equal(client.getNodes().length, ports.length, 'all nodes discovered')
})

test.after(() => { if (client) client.close() })

test('every captured case belongs to a family', () => {
  assert.ok(capture.cases.length >= 185, `only ${capture.cases.length} cases in all.json`)
  for (const c of capture.cases) {
    if (NOT_CLIENT_CALLS.has(c.case)) continue
    const family = c.case.split('_')[0]
    assert.ok(FAMILIES.includes(family), `case ${c.case} has no family`)
  }
})

// One replay environment for all cases, since the captures ran in order on
// shared records (later cases build on the state earlier ones left).
const state = { lastRecord: undefined }

// A recorded step whose first request is a delete without ops, before the
// call's own request: the capture cleared the record first (the hll setup
// steps). Its generations count from there, so the replay clears it too.
function clearsFirst (step) {
  const frames = step.request_hex
  if (!Array.isArray(frames) || frames.length < 2 || /^client\.remove\(/.test(step.call)) return false
  const f = frames[0]
  return f.length >= 60 && (parseInt(f.substr(20, 2), 16) & 0x02) !== 0 && parseInt(f.substr(56, 4), 16) === 0
}

async function runStep (c, step) {
  const K = k => new Aerospike.Key('test', 'cap_cdt', k)
  const cleared = clearsFirst(step) && /key "([^"]*)"/.exec(step.call)
  if (cleared) {
    try {
      await client.remove(K(cleared[1]))
    } catch (e) {
      if (e.code !== Aerospike.status.ERR_RECORD_NOT_FOUND) throw e
    }
  }
  let call = step.call
  if (/^client\.exists\(.*(true|false)-exp/.test(call)) {
    // The recorded call names the filter; the case's policy line spells it.
    const m = /filterExpression: (.*)\}$/.exec(c.policy)
    call = call.replace(/(true|false)-exp/, m[1])
  }
  let code
  if (call.includes('exp.operations.read(...) x13')) {
    code = 'client.operate(K("exp1"), expopReadMeta())'
  } else {
    code = translate(call)
  }
  const h2val = state.lastRecord ? state.lastRecord.bins.h2 : undefined
  const ctx = Aerospike.cdt.Context
  const fn = new Function('client', 'K', 'lists', 'maps', 'bitwise', 'hll', 'exp', 'operations', 'ctx',
    'GeoJSON', 'h2val', 'digest_modulo', 'is_tombstone', 'expopReadMeta', 'F',
    'const {' + Object.keys(FLAGS).join(', ') + '} = F; return ' + code)
  const ctxFactory = { addListIndex: (...a) => new ctx().addListIndex(...a) }
  for (const m of ['addListIndexCreate', 'addListRank', 'addListValue', 'addMapKey', 'addMapKeyCreate',
    'addMapIndex', 'addMapRank', 'addMapValue']) {
    ctxFactory[m] = (...a) => new ctx()[m](...a)
  }
  const want = parseRecorded(step.client_result)
  const what = `${c.case} step ${step.step}: ${step.call}`
  let got
  let err
  try {
    got = await fn(client, K, lists, maps, bitwise, hll, exp, operations, ctxFactory,
      Aerospike.GeoJSON, h2val, digest_modulo, is_tombstone, expopReadMeta, FLAGS)
  } catch (e) {
    if (!(e instanceof Aerospike.AerospikeError)) throw new Error(`${what}: ${e.stack}`)
    err = e
  }
  if (want.value && typeof want.value === 'object' && 'removeError' in want.value) {
    // A setup remove of a record that may not exist.
    if (err) assert.equal(err.code, Aerospike.status.ERR_RECORD_NOT_FOUND, `${what}: ${err.message}`)
    return
  }
  if ('code' in want) {
    assert.ok(err, `${what}: expected result code ${want.code}, but the command succeeded`)
    assert.equal(err.code, want.code, `${what}: result code (${err.message})`)
    return
  }
  if (err) assert.fail(`${what}: expected success, got ${err.code} (${err.message})`)
  if (got && got.bins) state.lastRecord = got
  compareResult(got, want.value, what)
}

for (const c of capture.cases) {
  if (NOT_CLIENT_CALLS.has(c.case)) continue
  const family = c.case.split('_')[0]
  const pending = PENDING.has(family)
  test(c.case, { skip: pending ? `${family} operations are not yet in minispike` : false }, async () => {
    for (const step of c.exchanges) {
      if (!RAW_STEP.test(step.call)) await runStep(c, step)
    }
  })
}
