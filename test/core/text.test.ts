import {describe, expect, it} from 'vitest'

import {storable, visible} from '../../src/text.js'

describe('visible', () => {
  it('escapes every C0 control, DEL and every C1 control, and nothing else', () => {
    for (let code = 0; code < 0x100; code++) {
      const char = String.fromCharCode(code)
      const control = code < 0x20 || (code >= 0x7f && code <= 0x9f)
      expect(visible(char), `U+${code.toString(16)}`).toBe(control ? `\\u${code.toString(16).padStart(4, '0')}` : char)
    }
  })

  it('escapes the terminal sequences a hostile answer sends: an OSC title, an OSC 52 clipboard write, a C1 CSI', () => {
    expect(visible('a\u001b]0;pwned\u0007b\u001b]52;c;ZXZpbA==\u0007\u009b31m')).toBe('a\\u001b]0;pwned\\u0007b\\u001b]52;c;ZXZpbA==\\u0007\\u009b31m')
  })

  it('escapes a lone surrogate, keeps a pair, and is idempotent', () => {
    expect(visible('\ud800x\udc00 \ud83d\ude00')).toBe('\\ud800x\\udc00 \ud83d\ude00')
    const once = visible('\u0000\u001b\u0085\ud800')
    expect(visible(once)).toBe(once)
  })
})

describe('storable', () => {
  it('escapes NUL and lone surrogates, which PostgreSQL or UTF-8 refuse, and keeps other text as it is', () => {
    expect(storable('up 1\nfoo \u0000bar')).toBe('up 1\nfoo \\u0000bar')
    expect(storable('\udfff\ud800')).toBe('\\udfff\\ud800')
    expect(storable('tab\there \u001b é \ud83d\ude00')).toBe('tab\there \u001b é \ud83d\ude00')
  })
})
