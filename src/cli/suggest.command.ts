import { Command } from 'commander';
import type { Classification } from '../classifier/classifier.types';
import { ComplaintClassifier } from '../classifier/complaint-classifier';
import { activeModelPath } from '../classifier/model-path';
import { ConfigError, configFilePath, loadConfig } from '../config/config.loader';
import type { DefuseConfig } from '../config/config.schema';
import { composeReplies } from '../replies/reply-composer';
import { ReplyPolicy, resolveReplyPolicy } from '../replies/reply-policy';
import { answerJsonLines, parseJsonLine } from './json-lines';

/** A line without "platform" is drafted for X: its 280 weighted characters are the tightest common limit. */
export const DEFAULT_PLATFORM = 'x';

export interface SuggestContext {
  /** Brand id → name and reply policy; the first configured brand is the default. */
  brands: Map<string, { name: string; policy: ReplyPolicy }>;
  classify: (text: string) => Classification;
  initials: string | null;
  platform: string;
}

/** One output line for one input line: the drafts, or `{"id"?, "error"}` for a bad line. */
export function suggestLine(ctx: SuggestContext, line: string): string {
  const parsed = parseJsonLine(line, '{"id","text","platform"?,"author"?,"brand"?}');
  if (parsed.error !== undefined) return parsed.error;
  const { id, text, platform, author, brand } = parsed.fields;
  const withId = id === undefined ? {} : { id };
  const fail = (error: string) => JSON.stringify({ ...withId, error });
  if (text === undefined) return fail('missing "text"');
  if (typeof text !== 'string') return fail('"text" must be a string');
  if (platform !== undefined && platform !== null && typeof platform !== 'string')
    return fail('"platform" must be a string');
  if (author !== undefined && author !== null && typeof author !== 'string')
    return fail('"author" must be a string');
  if (brand !== undefined && brand !== null && typeof brand !== 'string')
    return fail('"brand" must be a string');
  const brandId = brand ?? ctx.brands.keys().next().value!;
  const chosen = ctx.brands.get(brandId);
  if (!chosen) return fail(`unknown brand "${brandId}" (known: ${[...ctx.brands.keys()].join(', ')})`);
  const drafts = composeReplies({
    // The same id always gets the same wording; a line without one is keyed by its text.
    caseKey: typeof id === 'string' ? id : JSON.stringify(id ?? text),
    text,
    platform: platform?.trim() || ctx.platform,
    author: author ?? null,
    brandName: chosen.name,
    policy: chosen.policy,
    classification: ctx.classify(text),
    agentInitials: ctx.initials,
  });
  return JSON.stringify({
    id: id ?? null,
    replies: drafts.map((d) => ({
      text: d.text,
      platform: d.platform,
      chars: d.chars,
      limit: d.limit,
      kind: d.kind,
      approach: d.approach,
      ...(d.review ? { review: d.review.label } : {}),
    })),
  });
}

/**
 * Each brand's reply policy from `brands[].replies`, read through the reply-policy schema (the config
 * schema may not know the key yet); a brand without one gets DEFAULT_REPLY_POLICY, said once on stderr.
 */
export function brandPolicies(config: DefuseConfig, file: string): SuggestContext['brands'] {
  const brands: SuggestContext['brands'] = new Map();
  config.brands.forEach((b, i) => {
    const raw = (b as { replies?: unknown }).replies;
    let policy: ReplyPolicy;
    try {
      policy = resolveReplyPolicy(raw, `brands[${i}].replies`);
    } catch (err) {
      throw new ConfigError(`${file}: ${(err as Error).message}`);
    }
    if (raw === undefined)
      process.stderr.write(
        `defuse suggest: brand "${b.id}" has no reply policy (brands[].replies): drafts ask for a private ` +
          `message on the same platform, promise a reply within ${policy.responseTime} and offer no remedy\n`,
      );
    brands.set(b.id, { name: b.name, policy });
  });
  return brands;
}

/** `defuse suggest`: JSON Lines in, JSON Lines out, one line per non-blank input line. Drafts only: nothing is posted. */
export function suggestCommand(): Command {
  return new Command('suggest')
    .description(
      'draft public replies for JSON Lines {"id","text","platform"?,"author"?,"brand"?} from stdin; one JSON line per input line',
    )
    .option('--initials <XY>', "sign every draft with the agent's initials (^XY)")
    .option(
      '--platform <name>',
      'platform for lines without one (x, bluesky, mastodon, reddit, ...)',
      DEFAULT_PLATFORM,
    )
    .option('--model <file>', 'classifier model artefact (default: the one the server uses)')
    .action(async (opts: { initials?: string; platform: string; model?: string }) => {
      const file = configFilePath();
      const config = loadConfig(file);
      const brands = brandPolicies(config, file);
      let classifier: ComplaintClassifier;
      try {
        classifier = ComplaintClassifier.load(opts.model ?? activeModelPath(config));
      } catch (err) {
        process.stderr.write(`defuse suggest: ${(err as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      const ctx: SuggestContext = {
        brands,
        classify: (text) => classifier.classify(text),
        initials: opts.initials ?? null,
        platform: opts.platform,
      };
      await answerJsonLines((line) => suggestLine(ctx, line));
    });
}
