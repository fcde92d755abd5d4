import t from 'tap';
import { trace, type Span, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { testEsUrl } from '@akhbar/testkit';
import { createEsClient, esTracingWanted } from '../src/index.ts';

/**
 * The Elasticsearch client's OpenTelemetry spans: made in a process set up for tracing (the
 * standard OTEL_* variables), not otherwise, where they would cost time and reach no one.
 */

t.test('tracing is wanted when the process is set up for it', async (t) => {
  t.equal(esTracingWanted({}), false, 'nothing configured');
  t.equal(esTracingWanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }), true, 'an OTLP endpoint');
  t.equal(esTracingWanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }), true, 'a traces endpoint');
  t.equal(esTracingWanted({ OTEL_TRACES_EXPORTER: 'otlp' }), true, 'an exporter');
  t.equal(esTracingWanted({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }), false, 'exporter none');
  t.equal(esTracingWanted({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }), false, 'SDK disabled');
  t.equal(esTracingWanted({ OTEL_ELASTICSEARCH_ENABLED: 'true' }), true, "the client's own switch on");
  t.equal(esTracingWanted({ OTEL_ELASTICSEARCH_ENABLED: 'FALSE', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }), false, "the client's own switch off wins");
});

t.test('a real search makes a span only when tracing is wanted', async (t) => {
  // A tracer provider that records span names, registered the way an SDK registers its own.
  const names: string[] = [];
  const span = (name: string): Span => {
    names.push(name);
    const s = {
      spanContext: () => ({ traceId: '0'.repeat(31) + '1', spanId: '0'.repeat(15) + '1', traceFlags: 1 }),
      setAttribute: () => s, setAttributes: () => s, addEvent: () => s, addLink: () => s, addLinks: () => s,
      setStatus: () => s, updateName: () => s, end: () => undefined, isRecording: () => true, recordException: () => undefined,
    };
    return s as unknown as Span;
  };
  const tracer = {
    startSpan: (name: string) => span(name),
    startActiveSpan: (name: string, ...rest: unknown[]) => (rest[rest.length - 1] as (s: Span) => unknown)(span(name)),
  } as unknown as Tracer;
  const provider: TracerProvider = { getTracer: () => tracer };
  t.ok(trace.setGlobalTracerProvider(provider), 'provider registered');
  t.teardown(() => trace.disable());
  const saved = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  t.teardown(() => {
    if (saved === undefined) delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    else process.env.OTEL_EXPORTER_OTLP_ENDPOINT = saved;
  });

  // A pattern no index matches: Elasticsearch answers it with no shards at all, so the search
  // cannot meet an index another test file is creating at that moment ('*' once did, and got
  // no_shard_available_action_exception from a shard not yet started).
  const index = 'akhbar-tracing-probe-none-*';
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const quiet = createEsClient(testEsUrl());
  await quiet.search({ index, size: 0 });
  await quiet.close();
  t.same(names, [], 'no span without tracing set up');

  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = 'http://collector.invalid:4318';
  const traced = createEsClient(testEsUrl());
  await traced.search({ index, size: 0 });
  await traced.close();
  t.same(names, ['search'], 'a search span with an exporter configured');
});
