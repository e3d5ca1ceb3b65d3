import type { UserFromGetMe } from 'grammy/types';
import type { Libraries } from '../libraries.ts';
import type { Library } from '../library.ts';
import type { BotLogger } from '../log.ts';
import type { ReloadOutcome } from '../reload.ts';
import type { Shortcut } from '../shortcuts.ts';
import type { EditMemory } from '../store/edit-memory.ts';
import type { RateLimits } from './limits.ts';
import type { ReplyLog } from './replies.ts';

/** Everything the bot needs, passed in so tests and transports can supply their own. */
export interface BotDeps {
  token: string;
  /**
   * Returns what the bot knows right now in a chat (articles, index, topics):
   * the chat's own articles when it has some (see `libraries.ts`), else the
   * shipped corpus; no chat (inline mode): always the shipped corpus. A
   * function so that a reloaded library is picked up at once. Each handler
   * asks once and keeps that library for the update, so a reload never mixes
   * two corpora in one reply.
   */
  library: (chatId?: number) => Library;
  /** Channels and groups with articles of their own; absent (tests of other features): every chat uses the shipped corpus. */
  chats?: ChatDeps;
  /** Fixed bot identity: skips `getMe` (console mode, tests). */
  botInfo?: UserFromGetMe;
  /** Base URL of a self-hosted Bot API server instead of api.telegram.org. */
  apiRoot?: string;
  logger?: BotLogger;
  /** Per-user token buckets for the network transports (see `limits.ts`); absent (console, tests): no limit. */
  rateLimit?: RateLimits;
  /** `/reload` for these Telegram user ids; absent: no admin commands. */
  admin?: { ids: readonly number[]; reload: () => Promise<ReloadOutcome> };
  /** Commands that ask a fixed question (from `shortcuts.json`), already validated by `loadShortcuts`. */
  shortcuts?: readonly Shortcut[];
  /**
   * Show "typing…" before an answer when the previous answer took at least this
   * many milliseconds (default 300); 0 always shows it. Quick answers need none.
   */
  typingAfterMs?: number;
  /**
   * The update journal's record of sent replies (long polling, webhook):
   * every send is recorded, and an update handled again after a crash does
   * not repeat the replies already sent. Absent (console, tests): nothing recorded.
   */
  replyLog?: ReplyLog;
  /** Which answer answered which question, for edits; default: in process memory, bounded. */
  editMemory?: EditMemory;
}

/** What the channel and group features need (see `features/channels.ts` and `features/library-admin.ts`). */
export interface ChatDeps {
  libraries: Libraries;
  /** A post becomes an article with at least this many sentences... */
  minSentences: number;
  /** ...or at least this many characters (links and emoji not counted). */
  minChars: number;
  /** Largest `.txt`/`.md` document `/add` reads. */
  maxDocumentBytes: number;
  /** Downloads a file by its `file_path` from `getFile`; default: from the Bot API server. */
  download?: (filePath: string) => Promise<Uint8Array>;
}
