import { LunarDay, SolarDay, SolarTerm } from 'tyme4ts';
import { describe, expect, it } from 'vitest';
import { shippedCalendarsDir, readCalendarFile } from './loader.js';
import { join } from 'node:path';
import { provisionalYear, statutoryRulesFor } from './statutory.js';
import type { YearData } from './model.js';

const datesOf = (y: YearData, name: string): readonly string[] =>
  y.holidays.find((h) => h.name.startsWith(name))?.dates ?? [];
const allDates = (y: YearData): string[] => y.holidays.flatMap((h) => [...h.dates]).sort();

describe('provisional 2027 (2024 revision of the holiday rules)', () => {
  const y = provisionalYear(2027);

  it('is marked provisional, without make-up days', () => {
    expect(y.status).toBe('provisional');
    expect(y.makeupWorkdays).toEqual([]);
    expect(y.source).toMatch(/2024 revision/);
  });

  it('puts the Spring Festival on the eve and the first three days of the lunar year', () => {
    // The library says Lunar New Year 2027 is 6 February, so the eve is 5 February.
    expect(LunarDay.fromYmd(2027, 1, 1).getSolarDay().toString()).toBe('2027年2月6日');
    expect(datesOf(y, '春节')).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
  });

  it('takes Qingming, Dragon Boat and Mid-Autumn from the library', () => {
    expect(SolarTerm.fromName(2027, '清明').getSolarDay().toString()).toBe('2027年4月5日');
    expect(datesOf(y, '清明')).toEqual(['2027-04-05']);
    expect(datesOf(y, '端午')).toEqual(['2027-06-09']);
    expect(datesOf(y, '中秋')).toEqual(['2027-09-15']);
  });

  it('has the 13 statutory days', () => {
    expect(allDates(y)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
  });
});

describe('statutory holidays against published arrangements', () => {
  it('the statutory days of 2025 and 2026 are all days off in the published files', () => {
    for (const year of [2025, 2026]) {
      const published = readCalendarFile(join(shippedCalendarsDir(), `cn-${year}.json`)).data;
      const off = new Set(allDates(published));
      const statutory = allDates(provisionalYear(year));
      expect(statutory).toHaveLength(13);
      expect(statutory.filter((d) => !off.has(d))).toEqual([]);
    }
  });

  it('the shipped 2025 and 2026 files match the independent table in tyme4ts day for day', () => {
    for (const year of [2025, 2026]) {
      const published = readCalendarFile(join(shippedCalendarsDir(), `cn-${year}.json`)).data;
      const off: string[] = [];
      const work: string[] = [];
      for (let d = SolarDay.fromYmd(year, 1, 1); d.getYear() === year; d = d.next(1)) {
        const h = d.getLegalHoliday();
        const iso = `${year}-${String(d.getMonth()).padStart(2, '0')}-${String(d.getDay()).padStart(2, '0')}`;
        if (h) (h.isWork() ? work : off).push(iso);
      }
      expect(allDates(published)).toEqual(off);
      expect([...published.makeupWorkdays].sort()).toEqual(work);
    }
  });

  it('each earlier year uses the rules then in force, and they agree with the published days off', () => {
    for (let year = 2008; year <= 2024; year++) {
      const off = new Set<string>();
      for (let d = SolarDay.fromYmd(year, 1, 1); d.getYear() === year; d = d.next(1)) {
        const h = d.getLegalHoliday();
        if (h && !h.isWork()) {
          off.add(
            `${year}-${String(d.getMonth()).padStart(2, '0')}-${String(d.getDay()).padStart(2, '0')}`,
          );
        }
      }
      const statutory = allDates(provisionalYear(year));
      // 11 statutory days; a Mid-Autumn on 1–3 October (2009, 2020) shares the day.
      expect(statutory, String(year)).toHaveLength(11);
      expect(
        statutory.filter((d) => !off.has(d)),
        String(year),
      ).toEqual([]);
    }
  });

  it('switches versions on 1 January 2008, 2014 and 2025', () => {
    // 2007 revision: eve, 1st and 2nd day. Lunar New Year 2013 was 10 February.
    expect(datesOf(provisionalYear(2013), '春节')).toEqual([
      '2013-02-09',
      '2013-02-10',
      '2013-02-11',
    ]);
    // 2013 revision: 1st to 3rd day, Labour Day one day. Lunar New Year 2024 was 10 February.
    expect(datesOf(provisionalYear(2024), '春节')).toEqual([
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
    ]);
    expect(datesOf(provisionalYear(2024), '劳动节')).toEqual(['2024-05-01']);
    expect(statutoryRulesFor(2025).citation).toMatch(/795/);
    expect(statutoryRulesFor(2014).citation).toMatch(/644/);
    expect(statutoryRulesFor(2008).citation).toMatch(/513/);
  });

  it('refuses years before 2008 and after 2199', () => {
    expect(() => provisionalYear(2007)).toThrow(/CALENDAR_YEAR_UNSUPPORTED|2007 has no published/);
    expect(() => provisionalYear(2200)).toThrow(/2200 has no published arrangement/);
  });

  it('gives a day in two holidays both names, once (Mid-Autumn on 3 October 2028)', () => {
    const y = provisionalYear(2028);
    expect(datesOf(y, '中秋')).toEqual(['2028-10-03']);
    expect(new Set(allDates(y)).size).toBe(12);
  });
});
