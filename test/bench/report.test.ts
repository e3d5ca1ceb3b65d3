import { describe, expect, it } from 'vitest';
import { renderChart } from '../../bench/chart.ts';
import { markdownTable, ms, terminalTable } from '../../bench/report.ts';
import { percentile, shuffled, summarize } from '../../bench/stats.ts';

describe('percentile', () => {
  it.each([
    [0.5, 50],
    [0.99, 99],
    [1, 100],
    [0, 1],
  ])('takes the nearest rank: q=%s of 1..100 is %s', (q, expected) => {
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        q,
      ),
    ).toBe(expected);
  });
});

describe('summarize', () => {
  it('reports mean, p50, p99 and max of unsorted samples', () => {
    expect(summarize([3, 1, 2, 10])).toEqual({ n: 4, mean: 4, p50: 2, p99: 10, max: 10 });
  });
});

describe('shuffled', () => {
  it('is a permutation, the same for the same seed', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = shuffled(items, 3);
    expect(a).toEqual(shuffled(items, 3));
    expect(a).not.toEqual(items);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
  });
});

describe('markdownTable', () => {
  it('right-aligns numeric columns and escapes pipes inside cells', () => {
    const md = markdownTable({ title: 'T', head: ['name', 'ms'], numeric: [false, true], rows: [['a|b', '1.5']] });
    expect(md).toContain('|---|---:|');
    expect(md).toContain('| a\\|b | 1.5 |');
  });
});

describe('terminalTable', () => {
  it('pads every column to its widest cell', () => {
    const lines = terminalTable({
      title: 'T',
      head: ['n', 'ms'],
      numeric: [true, true],
      rows: [
        ['1', '0.123'],
        ['10000', '12'],
      ],
    }).split('\n');
    expect(lines[3]).toBe('    1  0.123');
    expect(lines[4]).toBe('10000     12');
  });
});

describe('ms', () => {
  it.each([
    [0.1234, '0.123'],
    [5.678, '5.68'],
    [56.78, '56.8'],
    [5678.9, '5,679'],
    [NaN, 'n/a'],
  ])('formats %s as %s', (value, text) => {
    expect(ms(value)).toBe(text);
  });
});

describe('renderChart', () => {
  it('draws one path per series and the target lines, as standalone SVG', () => {
    const svg = renderChart(
      {
        title: 'L',
        xLabel: 'articles',
        yLabel: 'ms',
        series: [
          {
            label: 'p99',
            color: '#00f',
            points: [
              { x: 1, y: 0.1 },
              { x: 1000, y: 5 },
            ],
          },
        ],
        targets: [{ y: 1, label: '1 ms' }],
      },
      {
        title: 'M',
        xLabel: 'articles',
        yLabel: 'MB',
        series: [
          {
            label: 'RSS <all>',
            color: '#0a0',
            points: [
              { x: 1, y: 100 },
              { x: 1000, y: 200 },
            ],
          },
        ],
      },
      'caption',
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<path /g)?.length).toBe(2);
    expect(svg).toContain('RSS &lt;all&gt;');
    expect(svg).toContain('stroke="#c00"');
    expect(svg).not.toContain('NaN');
  });
});
