import {describe, expect, it} from 'vitest'

import {describeDb, parseDb} from '../../src/store/open.js'
import {maskUrl, toPgPlaceholders} from '../../src/store/postgres.js'

describe('toPgPlaceholders', () => {
  it('numbers ? placeholders in order', () => {
    expect(toPgPlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toEqual({
      text: 'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)',
      count: 3,
    })
  })

  it('leaves ? alone inside string literals, identifiers, comments and dollar quotes', () => {
    const sql = `SELECT 'what?', 'it''s ?', "odd?col", $$a ? b$$, $tag$?$tag$ FROM t -- why?\nWHERE x = ? /* and ? */ AND y = ?`
    const out = toPgPlaceholders(sql)
    expect(out.count).toBe(2)
    expect(out.text).toBe(
      `SELECT 'what?', 'it''s ?', "odd?col", $$a ? b$$, $tag$?$tag$ FROM t -- why?\nWHERE x = $1 /* and ? */ AND y = $2`,
    )
  })

  it("knows backslash escapes in E'' strings only", () => {
    expect(toPgPlaceholders("SELECT E'a\\'?', ?").text).toBe("SELECT E'a\\'?', $1")
    expect(toPgPlaceholders("SELECT 'a\\', ?").text).toBe("SELECT 'a\\', $1")
    // A word ending in e before a quote is not the E prefix.
    expect(toPgPlaceholders("SELECT type'x\\', ?").text).toBe("SELECT type'x\\', $1")
  })

  it('does not take $1-style text for a dollar quote', () => {
    expect(toPgPlaceholders('SELECT ? || $1').text).toBe('SELECT $1 || $1')
  })
})

describe('parseDb / describeDb', () => {
  it('reads every accepted --db form', () => {
    expect(parseDb('./monitor.db')).toEqual({engine: 'sqlite', location: './monitor.db', display: './monitor.db'})
    expect(parseDb('sqlite:data/m.db')).toMatchObject({engine: 'sqlite', location: 'data/m.db'})
    expect(parseDb('sqlite:///var/lib/mon.db')).toMatchObject({engine: 'sqlite', location: '/var/lib/mon.db'})
    expect(parseDb('postgres://u:pw@h:5432/d')).toMatchObject({engine: 'postgres', location: 'postgres://u:pw@h:5432/d'})
    expect(parseDb('postgresql://h/d')).toMatchObject({engine: 'postgres'})
  })

  it('masks the password wherever a URL is shown', () => {
    expect(describeDb('postgres://mon:s3cret@db.internal:5432/mon')).toBe('postgres://mon:***@db.internal:5432/mon')
    expect(maskUrl('postgresql://mon:p%40ss@h/d')).toBe('postgresql://mon:***@h/d')
    expect(maskUrl('postgres://mon@h/d')).toBe('postgres://mon@h/d')
  })

  it('rejects other URL schemes and an empty value, without showing a password', () => {
    expect(() => parseDb('mysql://u:secret@h/d')).toThrow(/unsupported database URL scheme "mysql:" in mysql:\/\/u:\*\*\*@h\/d/)
    expect(() => parseDb('mysql://u:secret@h/d')).not.toThrow(/secret/)
    expect(() => parseDb('  ')).toThrow(/--db is empty/)
    expect(() => parseDb('sqlite:')).toThrow(/names no file/)
  })
})
