/**
 * JSON.parse keeps the last of two members with the same name, so `{"kind":"denial","kind":
 * "accusation"}` would be read as an accusation while a proxy, a log or a reviewer reads a
 * denial. Request bodies with a repeated member are refused instead; this finds the first one.
 *
 * A linear scan of the text that knows strings, objects and arrays. Text that is not JSON is
 * left to the parser (null here), which refuses it with its own message.
 */
export function firstRepeatedMember(json: string): string | null {
  type Frame =
    { kind: 'object'; names: Set<string>; name: string | null } | { kind: 'array'; index: number };
  const stack: Frame[] = [];
  const path = (name: string): string => {
    let out = '';
    for (const frame of stack.slice(0, -1)) {
      if (frame.kind === 'object') out += out === '' ? (frame.name ?? '') : `.${frame.name ?? ''}`;
      else out += `[${frame.index}]`;
    }
    return out === '' ? name : `${out}.${name}`;
  };
  let expectName = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      let end = i + 1;
      while (end < json.length && json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      if (end >= json.length) return null;
      const top = stack[stack.length - 1];
      if (expectName && top?.kind === 'object') {
        let name: string;
        try {
          name = JSON.parse(json.slice(i, end + 1)) as string;
        } catch {
          return null;
        }
        if (top.names.has(name)) return path(name.slice(0, 100));
        top.names.add(name);
        top.name = name;
        expectName = false;
      }
      i = end;
    } else if (c === '{') {
      stack.push({ kind: 'object', names: new Set(), name: null });
      expectName = true;
    } else if (c === '[') {
      stack.push({ kind: 'array', index: 0 });
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectName = false;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'object') expectName = true;
      else if (top?.kind === 'array') top.index++;
    }
  }
  return null;
}
