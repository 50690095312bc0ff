'use strict'
// Conformance of minispike with the official Aerospike Node.js client (npm
// package aerospike, which embeds the official C client): every command the
// client issues must get the answer a real Aerospike server would give it.
//
// Environment: MINISPIKE_PORTS = the port of every minispike node, separated
// by spaces (MINISPIKE_PORT alone is enough for one node). The client is
// seeded with the first port only, so with several ports it must discover the
// other nodes itself. Run by run.sh through scripts/with-minispike.sh.

const test = require('node:test')
const assert = require('node:assert/strict')
const Aerospike = require('aerospike')

const status = Aerospike.status
const ops = Aerospike.operations
const lists = Aerospike.lists
const maps = Aerospike.maps

const ports = (process.env.MINISPIKE_PORTS || process.env.MINISPIKE_PORT || '')
  .split(/\s+/).filter(Boolean).map(Number)
if (ports.length === 0) {
  console.error('conformance.js: set MINISPIKE_PORT or MINISPIKE_PORTS')
  process.exit(2)
}
const NS = 'test'
// Each test writes under its own set so that the tests stay independent.
const key = (set, k) => new Aerospike.Key(NS, set, k)

// A hang in minispike must show as a failed test, not stall `make check`.
const TIMEOUT_MS = 15000
const commandPolicy = { totalTimeout: 5000, socketTimeout: 5000 }

let client

test.before(async () => {
  client = await Aerospike.connect({
    hosts: [{ addr: '127.0.0.1', port: ports[0] }],
    // The error cases below make the client log every expected failure.
    log: { level: Number(process.env.CONFORMANCE_LOG_LEVEL || Aerospike.log.OFF) },
    policies: {
      read: commandPolicy,
      write: commandPolicy,
      operate: commandPolicy,
      remove: commandPolicy,
      batch: commandPolicy,
      info: { timeout: 5000 }
    }
  })
  // With a cluster the client learns the peers at its next tend.
  await waitFor(() => client.getNodes().length === ports.length, 'all nodes discovered')
})

test.after(() => { if (client) client.close() })

// Poll cond() every 100 ms for at most 10 s (the client tends every second).
async function waitFor (cond, what) {
  for (let i = 0; i < 100; i++) {
    if (await cond()) return
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  assert.fail('timed out waiting for: ' + what)
}

// The promise must reject with the given Aerospike result code.
async function rejectsWith (promise, code, what) {
  await assert.rejects(promise, err => {
    assert.equal(err.code, code, `${what}: expected result code ${code}, got ${err.code} (${err.message})`)
    return true
  }, `${what}: expected result code ${code}, but the command succeeded`)
}

// record.ttl is in whole seconds counted down from the void time; allow the
// seconds that pass while the test runs.
function assertTtl (ttl, expected, what) {
  assert.ok(ttl <= expected && ttl >= expected - 3, `${what}: ttl ${ttl}, expected about ${expected}`)
}

// 'name\tk1=v1;k2=v2\n' -> { k1: 'v1', k2: 'v2' }
function parseStats (reply) {
  const value = reply.trim().split('\t')[1] || ''
  const out = {}
  for (const pair of value.split(';')) {
    const eq = pair.indexOf('=')
    if (eq > 0) out[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return out
}

async function nodeStats () {
  const stats = {}
  for (const node of client.getNodes()) {
    stats[node.name] = parseStats(await client.infoNode('statistics', node))
  }
  return stats
}

// test() with the timeout; opts as for node:test (e.g. skip)
const t = (name, opts, fn) => fn
  ? test(name, Object.assign({ timeout: TIMEOUT_MS }, opts), fn)
  : test(name, { timeout: TIMEOUT_MS }, opts)

// ---------------------------------------------------------------- cluster view

t('client discovers every node', () => {
  const nodes = client.getNodes()
  assert.equal(nodes.length, ports.length)
  const seen = nodes.map(n => Number(n.address.split(':').pop())).sort()
  assert.deepEqual(seen, [...ports].sort())
  for (const n of nodes) assert.match(n.name, /^BB9[0-9A-F]{12}$/)
})

// ------------------------------------------------------------------------ info

t('info: namespaces, build, node, partitions, statistics', async () => {
  const host = { addr: '127.0.0.1', port: ports[0] }
  const namespaces = await client.info('namespaces', host)
  assert.match(namespaces, /^namespaces\t(.*;)?test(;.*)?\n$/)
  const build = await client.info('build', host)
  assert.match(build, /^build\t\d+\.\d+\.\d+/)
  assert.equal(await client.info('partitions', host), 'partitions\t4096\n')
  // 'node' names the node answering, as getNodes() reports it.
  const nodes = client.getNodes()
  for (const node of nodes) {
    assert.equal(await client.infoNode('node', node), `node\t${node.name}\n`)
  }
  // infoAll asks every node.
  const all = await client.infoAll('statistics')
  assert.equal(all.length, ports.length)
  for (const reply of all) {
    const s = parseStats(reply.info)
    assert.equal(Number(s.cluster_size), ports.length, 'cluster_size')
  }
  // Aerospike.info.parse() understands the reply format.
  const parsed = Aerospike.info.parse(await client.infoAny('namespace/test'))
  assert.ok(parsed['namespace/test'], 'namespace/test answered')
})

t('info: unknown command answers ERROR:4', async () => {
  await rejectsWith(client.infoAny('no-such-command'), 4, 'unknown info command')
})

// ------------------------------------------------------------------- put / get

t('put then get returns every value type, generation 1, never expires', async () => {
  const k = key('types', 'all')
  const bins = {
    i: 42,
    neg: -300,
    big: 2 ** 40,
    d: 1.5,
    s: 'hello',
    utf: 'grüße ✓',
    b: Buffer.from([0xff, 0x00, 0x7f]),
    bo: true,
    l: [1, 'a', [2, 3], Buffer.from([1])],
    m: { k: 1, nested: { x: 'y' } }
  }
  await client.put(k, bins)
  const rec = await client.get(k)
  assert.deepEqual(rec.bins, bins)
  assert.equal(rec.gen, 1)
  assert.equal(rec.ttl, -1, 'default-ttl 0: the record never expires')
})

t('each put bumps the generation and merges bins', async () => {
  const k = key('gen', 'g')
  await client.put(k, { a: 1 })
  await client.put(k, { b: 2 })
  await client.put(k, { a: 3 })
  const rec = await client.get(k)
  assert.deepEqual(rec.bins, { a: 3, b: 2 })
  assert.equal(rec.gen, 3)
})

t('put with ttl, ttl -2 keeps it, ttl -1 clears it', async () => {
  const k = key('ttl', 't')
  await client.put(k, { a: 1 }, { ttl: 100 })
  assertTtl((await client.get(k)).ttl, 100, 'after put ttl 100')
  await client.put(k, { a: 2 }, { ttl: -2 })
  let rec = await client.get(k)
  assertTtl(rec.ttl, 100, 'after put ttl -2 (do not change)')
  assert.equal(rec.gen, 2)
  await client.put(k, { a: 3 }, { ttl: -1 })
  rec = await client.get(k)
  assert.equal(rec.ttl, -1, 'after put ttl -1 (never expire)')
})

t('a record expires at its void time', async () => {
  const k = key('ttl', 'short')
  await client.put(k, { a: 1 }, { ttl: 1 })
  // Void times are whole seconds: 1 s from now may be up to 2 s away.
  await new Promise(resolve => setTimeout(resolve, 2200))
  await rejectsWith(client.get(k), status.ERR_RECORD_NOT_FOUND, 'get after expiry')
})

t('get of a missing record fails with 2', async () => {
  await rejectsWith(client.get(key('missing', 'nope')), status.ERR_RECORD_NOT_FOUND, 'get missing')
})

// ---------------------------------------------------------------------- select

t('select returns only the named bins', async () => {
  const k = key('select', 's')
  await client.put(k, { a: 1, b: 'two', c: [3] })
  const rec = await client.select(k, ['a', 'c'])
  assert.deepEqual(rec.bins, { a: 1, c: [3] })
  assert.equal(rec.gen, 1)
  // A bin the record does not have is simply absent.
  const none = await client.select(k, ['zz'])
  assert.deepEqual(none.bins, {})
})

// ---------------------------------------------------------------------- exists

t('exists and existsWithMetadata', async () => {
  const k = key('exists', 'e')
  assert.equal(await client.exists(k), false)
  await client.put(k, { a: 1 }, { ttl: 500 })
  await client.put(k, { a: 2 }, { ttl: 500 })
  assert.equal(await client.exists(k), true)
  const meta = await client.existsWithMetadata(k)
  assert.equal(meta.gen, 2)
  assertTtl(meta.ttl, 500, 'existsWithMetadata')
  // exists does not read bins
  assert.ok(meta.bins === undefined || meta.bins === null || Object.keys(meta.bins).length === 0)
})

// ---------------------------------------------------------------------- remove

t('remove deletes; removing again fails with 2', async () => {
  const k = key('remove', 'r')
  await client.put(k, { a: 1 })
  await client.remove(k)
  assert.equal(await client.exists(k), false)
  await rejectsWith(client.get(k), status.ERR_RECORD_NOT_FOUND, 'get after remove')
  await rejectsWith(client.remove(k), status.ERR_RECORD_NOT_FOUND, 'remove missing')
})

t('durable delete is enterprise only (25) and keeps the record', async () => {
  const k = key('remove', 'durable')
  await client.put(k, { a: 1 })
  await rejectsWith(client.remove(k, { durableDelete: true }), 25, 'durable delete')
  assert.equal((await client.get(k)).bins.a, 1)
})

// ----------------------------------------------------------------------- touch

t('touch bumps the generation and sets the ttl', async () => {
  const k = key('touch', 't')
  await client.put(k, { a: 1 })
  await client.operate(k, [ops.touch(200)])
  const rec = await client.get(k)
  assert.equal(rec.gen, 2)
  assertTtl(rec.ttl, 200, 'after touch 200')
  assert.deepEqual(rec.bins, { a: 1 })
  await rejectsWith(client.operate(key('touch', 'missing'), [ops.touch(10)]),
    status.ERR_RECORD_NOT_FOUND, 'touch missing')
})

// --------------------------------------------------------------------- operate

t('operate: add, append, prepend, write then read in one command', async () => {
  const k = key('operate', 'o')
  await client.put(k, { n: 10, s: 'mid' })
  const rec = await client.operate(k, [
    ops.add('n', 5),
    ops.append('s', '-end'),
    ops.prepend('s', 'start-'),
    ops.write('w', 'new'),
    ops.read('n'),
    ops.read('s'),
    ops.read('w')
  ])
  // Only read operations return values, and they see the earlier writes.
  assert.deepEqual(rec.bins, { n: 15, s: 'start-mid-end', w: 'new' })
  assert.equal(rec.gen, 2)
  const after = await client.get(k)
  assert.deepEqual(after.bins, { n: 15, s: 'start-mid-end', w: 'new' })
})

t('operate: incr creates a missing record, reads of a missing record fail with 2', async () => {
  const k = key('operate', 'created')
  await client.operate(k, [ops.incr('c', 7)])
  assert.deepEqual((await client.get(k)).bins, { c: 7 })
  await rejectsWith(client.operate(key('operate', 'absent'), [ops.read('c')]),
    status.ERR_RECORD_NOT_FOUND, 'read-only operate on missing record')
})

t('operate: list append/size and map put/getByKey', async () => {
  const k = key('operate', 'cdt')
  await client.put(k, { l: [1, 2, 3], m: { k: 1 } })
  const rec = await client.operate(k, [
    lists.append('l', 4),
    maps.put('m', 'k2', 2)
  ])
  // CDT modify operations return their result: new list size, new map size.
  assert.equal(rec.bins.l, 4)
  assert.equal(rec.bins.m, 2)
  const read = await client.operate(k, [
    lists.size('l'),
    maps.getByKey('m', 'k2', maps.returnType.VALUE)
  ])
  assert.deepEqual(read.bins, { l: 4, m: 2 })
  assert.deepEqual((await client.get(k)).bins, { l: [1, 2, 3, 4], m: { k: 1, k2: 2 } })
})

t('operate with ttl in the metadata', async () => {
  const k = key('operate', 'ttl')
  await client.put(k, { a: 1 })
  await client.operate(k, [ops.write('a', 2)], { ttl: 300 })
  const rec = await client.get(k)
  assertTtl(rec.ttl, 300, 'operate ttl 300')
  assert.equal(rec.gen, 2)
})

// ----------------------------------------------------------------------- batch

t('batchRead: all bins, selected bins, metadata only, missing keys', async () => {
  const set = 'batch'
  const keys = []
  for (let i = 0; i < 20; i++) {
    keys.push(key(set, 'b' + i))
    await client.put(keys[i], { i, s: 'v' + i })
  }
  const missing = key(set, 'absent')
  const other = new Aerospike.Key('bar', set, 'b0')
  await client.put(other, { ns: 'bar' })
  const T = Aerospike.batchType.BATCH_READ
  const req = [
    ...keys.map(k => ({ type: T, key: k, readAllBins: true })),
    { type: T, key: keys[3], bins: ['s'] },
    { type: T, key: keys[4], readAllBins: false },
    { type: T, key: missing, readAllBins: true },
    // same set and user key in the other namespace: a different record
    { type: T, key: other, readAllBins: true }
  ]
  const res = await client.batchRead(req)
  assert.equal(res.length, req.length)
  for (let i = 0; i < 20; i++) {
    assert.equal(res[i].status, status.OK, 'row ' + i)
    assert.deepEqual(res[i].record.bins, { i, s: 'v' + i }, 'row ' + i)
    assert.equal(res[i].record.gen, 1)
  }
  assert.equal(res[20].status, status.OK)
  assert.deepEqual(res[20].record.bins, { s: 'v3' })
  assert.equal(res[21].status, status.OK)
  assert.equal(res[21].record.gen, 1)
  assert.ok(!res[21].record.bins || Object.keys(res[21].record.bins).length === 0, 'metadata only')
  assert.equal(res[22].status, status.ERR_RECORD_NOT_FOUND)
  assert.equal(res[23].status, status.OK)
  assert.deepEqual(res[23].record.bins, { ns: 'bar' })
})

t('batchGet, batchSelect and batchExists', async () => {
  const set = 'batch2'
  const keys = [key(set, 'x'), key(set, 'absent'), key(set, 'y')]
  await client.put(keys[0], { a: 1, b: 2 })
  await client.put(keys[2], { a: 3, b: 4 })
  const got = await client.batchGet(keys)
  assert.deepEqual(got.map(r => r.status), [status.OK, status.ERR_RECORD_NOT_FOUND, status.OK])
  assert.deepEqual(got[0].record.bins, { a: 1, b: 2 })
  assert.deepEqual(got[2].record.bins, { a: 3, b: 4 })
  const sel = await client.batchSelect(keys, ['b'])
  assert.deepEqual(sel[0].record.bins, { b: 2 })
  assert.deepEqual(sel[2].record.bins, { b: 4 })
  assert.equal(sel[1].status, status.ERR_RECORD_NOT_FOUND)
  const ex = await client.batchExists(keys)
  assert.deepEqual(ex.map(r => r.status), [status.OK, status.ERR_RECORD_NOT_FOUND, status.OK])
  assert.equal(ex[0].record.gen, 1)
})

t('batchWrite and batchRemove', async () => {
  const set = 'batchw'
  const T = Aerospike.batchType
  const keys = [key(set, 'w0'), key(set, 'w1'), key(set, 'w2')]
  await client.put(keys[2], { n: 5 })
  const res = await client.batchWrite([
    { type: T.BATCH_WRITE, key: keys[0], ops: [ops.write('a', 'zero')] },
    { type: T.BATCH_WRITE, key: keys[1], ops: [ops.write('a', 'one'), ops.read('a')] },
    { type: T.BATCH_WRITE, key: keys[2], ops: [ops.add('n', 1)] }
  ])
  assert.deepEqual(res.map(r => r.status), [status.OK, status.OK, status.OK])
  assert.deepEqual(res[1].record.bins, { a: 'one' })
  assert.deepEqual((await client.get(keys[0])).bins, { a: 'zero' })
  const n = await client.get(keys[2])
  assert.deepEqual(n.bins, { n: 6 })
  assert.equal(n.gen, 2)
  const rm = await client.batchRemove([keys[0], keys[1], key(set, 'absent')])
  assert.deepEqual(rm.map(r => r.status), [status.OK, status.OK, status.ERR_RECORD_NOT_FOUND])
  assert.equal(await client.exists(keys[0]), false)
  assert.equal(await client.exists(keys[1]), false)
})

// ------------------------------------------------------------------------ scan

// Collect every record of a scan of set (options/policy as for client.scan).
function scanAll (set, options, policy) {
  return new Promise((resolve, reject) => {
    const records = []
    const stream = client.scan(NS, set, options).foreach(
      Object.assign({ totalTimeout: 10000, socketTimeout: 10000 }, policy))
    stream.on('data', rec => records.push(rec))
    stream.on('error', reject)
    stream.on('end', () => resolve(records))
  })
}

t('scan: whole set, selected bins, no bins, max records', async () => {
  const set = 'scan'
  const N = 50
  for (let i = 0; i < N; i++) await client.put(key(set, 'r' + i), { i, s: 'x' + i })
  await client.put(key('otherset', 'r0'), { i: -1 })

  const all = await scanAll(set)
  assert.equal(all.length, N)
  const seen = all.map(r => r.bins.i).sort((a, b) => a - b)
  assert.deepEqual(seen, [...Array(N).keys()])
  for (const r of all) {
    assert.equal(r.bins.s, 'x' + r.bins.i)
    assert.equal(r.gen, 1)
    assert.equal(r.key.ns, NS)
    assert.equal(r.key.set, set)
    assert.ok(Buffer.isBuffer(r.key.digest) && r.key.digest.length === 20)
  }

  const sel = await scanAll(set, { select: ['s'] })
  assert.equal(sel.length, N)
  for (const r of sel) assert.deepEqual(Object.keys(r.bins), ['s'])

  const meta = await scanAll(set, { nobins: true })
  assert.equal(meta.length, N)
  for (const r of meta) assert.ok(!r.bins || Object.keys(r.bins).length === 0)

  const few = await scanAll(set, {}, { maxRecords: 5 })
  assert.ok(few.length >= 1 && few.length <= 5, `maxRecords 5 returned ${few.length}`)
})

t('scan of a set that does not exist returns nothing', async () => {
  assert.deepEqual(await scanAll('no-such-set'), [])
})

t('scan returns the user key of records written with send-key', async () => {
  const set = 'sendkey'
  const sendKey = { key: Aerospike.policy.key.SEND }
  await client.put(key(set, 'named'), { a: 1 }, null, sendKey)
  await client.put(key(set, 7), { a: 2 }, null, sendKey)
  await client.put(key(set, 'digest-only'), { a: 3 })
  const recs = await scanAll(set)
  const byBin = Object.fromEntries(recs.map(r => [r.bins.a, r.key.key]))
  assert.deepEqual(byBin, { 1: 'named', 2: 7, 3: undefined })
})

t('truncate empties a set and leaves the others', async () => {
  for (let i = 0; i < 10; i++) await client.put(key('trunc', i), { i })
  await client.put(key('keep', 0), { i: 0 })
  await client.truncate(NS, 'trunc', 0)
  assert.deepEqual(await scanAll('trunc'), [])
  await rejectsWith(client.get(key('trunc', 1)), status.ERR_RECORD_NOT_FOUND, 'get after truncate')
  assert.equal((await client.get(key('keep', 0))).bins.i, 0)
})

// ----------------------------------------------------------------- error codes

t('generation mismatch fails with 3 and leaves the record', async () => {
  const k = key('errors', 'gen')
  await client.put(k, { a: 1 })
  const eq = { gen: Aerospike.policy.gen.EQ }
  await rejectsWith(client.put(k, { a: 2 }, { gen: 99 }, eq), status.ERR_RECORD_GENERATION, 'gen EQ 99')
  await client.put(k, { a: 3 }, { gen: 1 }, eq)
  const gt = { gen: Aerospike.policy.gen.GT }
  await rejectsWith(client.put(k, { a: 4 }, { gen: 1 }, gt), status.ERR_RECORD_GENERATION, 'gen GT 1')
  // GT only compares: the new generation is the old one + 1, not 10.
  await client.put(k, { a: 5 }, { gen: 10 }, gt)
  const rec = await client.get(k)
  assert.deepEqual(rec.bins, { a: 5 })
  assert.equal(rec.gen, 3)
})

t('create-only on an existing record fails with 5', async () => {
  const k = key('errors', 'create')
  const create = { exists: Aerospike.policy.exists.CREATE }
  await client.put(k, { a: 1 }, null, create)
  await rejectsWith(client.put(k, { a: 2 }, null, create), status.ERR_RECORD_EXISTS, 'create-only')
  assert.deepEqual((await client.get(k)).bins, { a: 1 })
})

t('update-only and replace-only on a missing record fail with 2', async () => {
  const k = key('errors', 'absent')
  const E = Aerospike.policy.exists
  await rejectsWith(client.put(k, { a: 1 }, null, { exists: E.UPDATE }), status.ERR_RECORD_NOT_FOUND, 'update-only')
  await rejectsWith(client.put(k, { a: 1 }, null, { exists: E.REPLACE }), status.ERR_RECORD_NOT_FOUND, 'replace-only')
  assert.equal(await client.exists(k), false)
})

t('replace and create-or-replace drop the bins not written', async () => {
  const k = key('errors', 'replace')
  const E = Aerospike.policy.exists
  await client.put(k, { a: 1, b: 2 })
  await client.put(k, { a: 1 }, null, { exists: E.UPDATE })
  assert.deepEqual((await client.get(k)).bins, { a: 1, b: 2 }, 'update keeps other bins')
  await client.put(k, { r: 1 }, null, { exists: E.REPLACE })
  assert.deepEqual((await client.get(k)).bins, { r: 1 })
  await client.put(k, { c: 1 }, null, { exists: E.CREATE_OR_REPLACE })
  const rec = await client.get(k)
  assert.deepEqual(rec.bins, { c: 1 })
  assert.equal(rec.gen, 4)
})

t('add on a string bin fails with 12 and leaves the record', async () => {
  const k = key('errors', 'incompatible')
  await client.put(k, { s: 'text', n: 1 })
  await rejectsWith(client.operate(k, [ops.add('n', 1), ops.add('s', 1)]),
    status.ERR_BIN_INCOMPATIBLE_TYPE, 'add on string')
  const rec = await client.get(k)
  assert.deepEqual(rec.bins, { s: 'text', n: 1 })
  assert.equal(rec.gen, 1)
})

t('unknown namespace fails with 20', async () => {
  const k = new Aerospike.Key('no_such_ns', 'set', 'k')
  await rejectsWith(client.put(k, { a: 1 }), status.ERR_NAMESPACE_NOT_FOUND, 'put unknown namespace')
  await rejectsWith(client.get(k), status.ERR_NAMESPACE_NOT_FOUND, 'get unknown namespace')
})

t('bin names: 15 bytes are fine, 16 fail (21 or rejected by the client)', async () => {
  const k = key('errors', 'binname')
  await client.put(k, { abcdefghijklmno: 1 })
  assert.deepEqual((await client.get(k)).bins, { abcdefghijklmno: 1 })
  await assert.rejects(client.put(k, { abcdefghijklmnop: 2 }), err => {
    // The client checks the length itself (-2 ERR_PARAM); a server answers 21.
    assert.ok(err.code === status.ERR_BIN_NAME || err.code === status.ERR_PARAM,
      `bin name of 16 bytes: got ${err.code} (${err.message})`)
    return true
  })
  const rec = await client.get(k)
  assert.deepEqual(rec.bins, { abcdefghijklmno: 1 })
  assert.equal(rec.gen, 1)
})

t('record too big fails with 13', async () => {
  const k = key('errors', 'big')
  // minispike's default max-record-size is 1 MiB, as a real namespace's.
  await rejectsWith(client.put(k, { b: Buffer.alloc(1100000, 1) }), status.ERR_RECORD_TOO_BIG, 'record > 1 MiB')
  assert.equal(await client.exists(k), false)
  // and the connection is still usable afterwards
  await client.put(k, { b: Buffer.alloc(500000, 1) })
  assert.equal((await client.get(k)).bins.b.length, 500000)
})

// ------------------------------------------------------------ fault injection

// minispike-fault applies to every node and to AS_MSG commands only, so the
// client keeps tending while commands fail the way a loaded server fails them.
async function fault (spec) {
  const reply = await client.info('minispike-fault:' + spec, { addr: '127.0.0.1', port: ports[0] })
  assert.doesNotMatch(reply, /ERROR/, 'minispike-fault:' + spec)
}

t('injected errors and delays reach the client as result codes', async () => {
  const k = key('faults', 'f')
  await client.put(k, { a: 1 })
  try {
    await fault('mode=error;code=14;count=1')
    await rejectsWith(client.put(k, { a: 2 }), status.ERR_RECORD_BUSY, 'injected error 14')
    await fault('mode=off')
    await fault('mode=delay;ms=500')
    await rejectsWith(client.get(k, { totalTimeout: 100, socketTimeout: 100, maxRetries: 0 }),
      status.ERR_TIMEOUT, 'reply delayed past the timeout')
  } finally {
    await fault('mode=off')
  }
  const rec = await client.get(k)
  assert.deepEqual(rec.bins, { a: 1 })
  assert.equal(rec.gen, 1)
})

// --------------------------------------------------------------------- cluster

// These run last: they count what every earlier test sent.
t('commands only reach the node owning the partition', async () => {
  const set = 'spread'
  for (let i = 0; i < 200; i++) await client.put(key(set, i), { i })
  for (let i = 0; i < 200; i++) assert.equal((await client.get(key(set, i))).bins.i, i)
  const stats = await nodeStats()
  for (const [name, s] of Object.entries(stats)) {
    assert.equal(Number(s.non_owner_commands), 0, `non_owner_commands of ${name}`)
    // 200 keys land on every node's share of the partitions.
    assert.ok(Number(s.commands_received) > 0, `commands_received of ${name}`)
  }
})

t('a node stops and starts: the client follows the partition moves', { skip: ports.length < 3 && 'needs 3 nodes' }, async () => {
  const set = 'moves'
  const stopped = ports.length - 1
  // node 0 takes the control commands: it stays up
  const seed = { addr: '127.0.0.1', port: ports[0] }
  await client.info(`minispike-node-stop:id=${stopped}`, seed)
  await waitFor(() => client.getNodes().length === ports.length - 1, 'node removed from the client')
  // Let the client fetch the new partition map, then require perfect routing.
  await new Promise(resolve => setTimeout(resolve, 1500))
  let before = await nodeStats()
  for (let i = 0; i < 100; i++) await client.put(key(set, i), { i })
  for (let i = 0; i < 100; i++) assert.equal((await client.get(key(set, i))).bins.i, i)
  let after = await nodeStats()
  for (const name of Object.keys(after)) {
    assert.equal(Number(after[name].cluster_size), ports.length - 1)
    assert.equal(after[name].non_owner_commands, before[name].non_owner_commands,
      `non-owner commands on ${name} while node ${stopped} is down`)
  }

  await client.info(`minispike-node-start:id=${stopped}`, seed)
  await waitFor(() => client.getNodes().length === ports.length, 'node back in the client')
  await new Promise(resolve => setTimeout(resolve, 1500))
  before = await nodeStats()
  for (let i = 0; i < 100; i++) assert.equal((await client.get(key(set, i))).bins.i, i)
  after = await nodeStats()
  for (const name of Object.keys(after)) {
    assert.equal(after[name].non_owner_commands, before[name].non_owner_commands,
      `non-owner commands on ${name} after node ${stopped} restarted`)
  }
})
