import type { Command } from 'commander';
import { createError } from '../../core/errors.js';
import { storiesView, storyView, type StoryRow } from '../../pipeline/queries.js';
import { pageOptions, print, printJson, withDb, withStore } from '../context.js';

export function registerStories(program: Command): void {
  pageOptions(withDb(program.command('stories')))
    .description('storylines: events linked over time')
    .option('--json', 'print JSON: [{id, title, events:[{id, date, title, articles:[name...]}]}]')
    .action((opts: { db: string; json?: boolean; offset: number; limit: number }) =>
      withStore(opts.db, async (store) => {
        const stories = await storiesView(store, opts);
        if (opts.json) return printJson(stories);
        for (const story of stories) printStory(story, false);
        print(`${stories.length} storylines`);
      }),
    );

  withDb(program.command('story'))
    .description('one storyline as a timeline, with each event\'s coverage')
    .argument('<id>', 'storyline id, e.g. S1')
    .option('--json', 'print JSON')
    .action((id: string, opts: { db: string; json?: boolean }) =>
      withStore(opts.db, async (store) => {
        const story = await storyView(store, id);
        if (!story) throw createError('NOT_FOUND', `storyline ${id}`);
        if (opts.json) return printJson(story);
        printStory(story, true);
      }),
    );
}

/** A terminal timeline: one line per event, then its articles and (in detail) coverage by outlet. */
export function printStory(story: StoryRow, detail: boolean): void {
  print(`${story.id}  ${story.title}`);
  story.events.forEach((event, i) => {
    const last = i === story.events.length - 1;
    const date = event.date === event.dateEnd || !event.dateEnd ? event.date ?? 'undated' : `${event.date}…${event.dateEnd}`;
    print(`${last ? '└─' : '├─'} ${date}  ${event.id}  ${event.title}`);
    const bar = last ? '   ' : '│  ';
    for (const name of event.articles) print(`${bar}   · ${name}`);
    if (!detail) return;
    if (event.link) print(`${bar}     why here: ${event.link}`);
    for (const c of event.coverage) {
      const parts = [];
      if (c.original.length) parts.push(`original: ${c.original.join(', ')}`);
      if (c.copies.length) parts.push(`copies: ${c.copies.join(', ')}`);
      print(`${bar}     ${c.source ?? 'unknown outlet'} — ${parts.join('; ')}`);
    }
  });
}
