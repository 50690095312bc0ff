'use strict'
// The peer in aerofuture's benchmark comparison: the official Aerospike
// Node.js client (npm aerospike) doing gets or puts with N commands in
// flight for D seconds. Prints one JSON line per in-flight level, with the
// field names of `aerofuture-bench --json` so compare.sh can put them side
// by side.
//
//   node node_bench.js -h HOST:PORT [-w get|put] [-c N[,N...]] [-d SECONDS]
//                      [--keys N] [--bin-size BYTES] [--timeout MS]
//
// Defaults: get, 1 and 64 in flight, 5 s, keys 0..99999 in namespace test,
// set bench, one 16-byte string bin "b0" (as aerofuture-bench). Gets run after
// an unmeasured pass that writes every key. Needs NODE_PATH (or a
// node_modules) holding the aerospike package; tests/conformance/install-client.sh
// installs it.

let Aerospike // loaded once the arguments are fine

function loadClient () {
  try {
    return require('aerospike')
  } catch (err) {
    console.error('node_bench.js: cannot load the aerospike package (' + err.code + '); install it with\n' +
      '  tests/conformance/install-client.sh BUILDDIR\n' +
      'and set NODE_PATH=BUILDDIR/tests/conformance/node_modules')
    process.exit(2)
  }
}

function usage (msg) {
  if (msg) console.error('node_bench.js: ' + msg)
  console.error('usage: node node_bench.js -h HOST:PORT [-w get|put] [-c N[,N...]] [-d SECONDS]\n' +
    '                     [--keys N] [--bin-size BYTES] [--timeout MS]')
  process.exit(2)
}

function parseArgs (argv) {
  const o = { host: null, workload: 'get', inFlight: [1, 64], seconds: 5, keys: 100000, binSize: 16, timeout: 1000 }
  const num = (v, name) => {
    const n = Number(v)
    if (!Number.isInteger(n) || n < 1) usage(`${name} must be a positive integer, not '${v}'`)
    return n
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const v = argv[i + 1]
    if (a === '--help') usage()
    if (v === undefined) usage(`${a} needs a value`)
    switch (a) {
      case '-h': case '--host': o.host = v; break
      case '-w': case '--workload': o.workload = v; break
      case '-c': case '--concurrency': o.inFlight = v.split(',').map(c => num(c, '-c')); break
      case '-d': case '--duration': o.seconds = Number(v); break
      case '--keys': o.keys = num(v, '--keys'); break
      case '--bin-size': o.binSize = num(v, '--bin-size'); break
      case '--timeout': o.timeout = num(v, '--timeout'); break
      default: usage(`unknown option '${a}'`)
    }
    i++
  }
  if (!o.host || !/^[^:]+:\d+$/.test(o.host)) usage('-h HOST:PORT is required')
  if (o.workload !== 'get' && o.workload !== 'put') usage(`workload must be get or put, not '${o.workload}'`)
  if (!(o.seconds > 0)) usage('-d must be a positive number of seconds')
  return o
}

// q-quantile of sorted latencies (microseconds)
function quantile (sorted, q) {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}

// Keep `inFlight` commands going until `deadline` (ms since epoch) or until
// `limit` commands were started; each worker starts its next command when the
// previous one completes.
async function drive (inFlight, deadline, limit, command) {
  const r = { ops: 0, errors: {}, errorsTotal: 0, timeouts: 0, latencies: [] }
  let started = 0
  async function worker () {
    while (Date.now() < deadline && started < limit) {
      const i = started++
      const t0 = process.hrtime.bigint()
      try {
        await command(i)
        r.latencies.push(Number(process.hrtime.bigint() - t0) / 1000)
        r.ops++
      } catch (err) {
        if (err.code === Aerospike.status.ERR_TIMEOUT) r.timeouts++
        else r.errorsTotal++
        r.errors[err.code] = (r.errors[err.code] || 0) + 1
      }
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker))
  return r
}

async function main () {
  const o = parseArgs(process.argv.slice(2))
  Aerospike = loadClient()
  const [addr, port] = o.host.split(':')
  const policy = { totalTimeout: o.timeout, socketTimeout: o.timeout }
  const client = await Aerospike.connect({
    hosts: [{ addr, port: Number(port) }],
    log: { level: Aerospike.log.OFF },
    // enough connections for the highest in-flight level
    maxConnsPerNode: Math.max(100, ...o.inFlight),
    policies: { read: policy, write: policy }
  })
  const key = i => new Aerospike.Key('test', 'bench', i)
  const bins = { b0: 'x'.repeat(o.binSize) }
  const randomKey = () => key(Math.floor(Math.random() * o.keys))
  const command = o.workload === 'get'
    ? () => client.get(randomKey())
    : () => client.put(randomKey(), bins)

  try {
    if (o.workload === 'get') {
      await drive(64, Infinity, o.keys, i => client.put(key(i), bins))
    }
    for (const inFlight of o.inFlight) {
      const cpu0 = process.cpuUsage()
      const t0 = process.hrtime.bigint()
      const r = await drive(inFlight, Date.now() + o.seconds * 1000, Infinity, command)
      const secs = Number(process.hrtime.bigint() - t0) / 1e9
      const cpu = process.cpuUsage(cpu0)
      const lat = r.latencies.sort((a, b) => a - b)
      const round = x => Math.round(x * 10) / 10
      console.log(JSON.stringify({
        client: 'aerospike-nodejs ' + require('aerospike/package.json').version,
        workload: o.workload,
        in_flight: inFlight,
        keys: o.keys,
        bins: 1,
        bin_size: o.binSize,
        ops: r.ops,
        ops_per_sec: round(r.ops / secs),
        errors: r.errors,
        errors_total: r.errorsTotal,
        timeouts: r.timeouts,
        latency_us: {
          p50: round(quantile(lat, 0.5)),
          p90: round(quantile(lat, 0.9)),
          p99: round(quantile(lat, 0.99)),
          p999: round(quantile(lat, 0.999)),
          max: round(lat.length ? lat[lat.length - 1] : 0)
        },
        cpu_us_per_op: r.ops ? Math.round((cpu.user + cpu.system) / r.ops * 100) / 100 : 0,
        duration_s: Math.round(secs * 1000) / 1000
      }))
    }
  } finally {
    client.close()
  }
}

main().catch(err => {
  console.error('node_bench.js:', err.message || err)
  process.exit(1)
})
