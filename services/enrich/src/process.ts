import { Value } from '@sinclair/typebox/value';
import { UnrecoverableError, type Queue } from 'bullmq';
import { AkhbarError, CoreErrors, RawJobSchema, articleJobId, type EnrichedJob, type RawJob } from '@akhbar/core';
import { enrichArticle } from '@akhbar/nlp';

/** Enrich one raw article and hand it to the indexer queue (same job id convention). */
export async function enrichJob(data: RawJob, enrichedQueue: Queue<EnrichedJob>): Promise<{ lang: string }> {
  if (!Value.Check(RawJobSchema, data)) {
    const first = [...Value.Errors(RawJobSchema, data)][0];
    const err = new AkhbarError(CoreErrors.PAYLOAD_INVALID, `raw job payload invalid at ${first?.path ?? '/'}: ${first?.message ?? 'unknown'}`, { permanent: true });
    throw new UnrecoverableError(`${err.code}: ${err.message}`);
  }
  const article = data.article;
  const enrichment = enrichArticle(article);
  await enrichedQueue.add('article', { v: 1, article: { ...article, enrichment } }, { jobId: articleJobId(article) });
  return { lang: enrichment.lang };
}
