/** Renders an expected credential from binds; undefined when any variable is unbound or the result is empty. */
import type { Template, TemplateContext } from '../../model/types.js'

export function renderExpected(
  template: Template | undefined,
  context: TemplateContext,
): string | undefined {
  if (template === undefined) return undefined
  for (const name of template.variables) if (isMissing(context, name)) return undefined
  const value = template.render(context)
  // An unrendered template must never become a password anyone can type.
  if (value.trim() === '' || value.includes('{{')) return undefined
  return value
}

function isMissing(context: TemplateContext, name: string): boolean {
  if (Object.prototype.hasOwnProperty.call(context, name)) return isBlank(context[name])
  let current: unknown = context
  for (const key of name.split('.')) {
    if (
      current === null ||
      typeof current !== 'object' ||
      !Object.prototype.hasOwnProperty.call(current, key)
    )
      return true
    current = (current as Record<string, unknown>)[key]
  }
  return isBlank(current)
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}
