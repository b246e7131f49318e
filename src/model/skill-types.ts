/** The model of a skill expose (`type: skill`): skills and the tools they point at. */
import type { Authentication } from './types.js'

/** A skill tool that points at an operation or tool of a sibling rest or mcp expose. */
export interface DerivedSkillTool {
  readonly kind: 'derived'
  readonly name: string
  readonly description: string
  readonly targetNamespace: string
  readonly action: string
  readonly mode: 'rest' | 'mcp'
}

/** A skill tool whose instructions are a file under the skill's location. */
export interface InstructionSkillTool {
  readonly kind: 'instruction'
  readonly name: string
  readonly description: string
  /** As written: relative to the location, '/'-separated. */
  readonly instruction: string
}

export interface Skill {
  readonly name: string
  readonly description: string
  readonly license?: string
  readonly compatibility?: string
  readonly metadata?: Readonly<Record<string, string>>
  readonly allowedTools?: string
  readonly argumentHint?: string
  readonly userInvocable?: boolean
  readonly disableModelInvocation?: boolean
  /** Absolute directory of the skill's files, when it has a location. */
  readonly location: string | undefined
  readonly tools: readonly (DerivedSkillTool | InstructionSkillTool)[]
  readonly pointer: string
}

export interface SkillExpose {
  readonly type: 'skill'
  readonly namespace: string
  readonly port: number
  readonly address: string | undefined
  readonly description?: string
  readonly authentication: Authentication | undefined
  readonly skills: readonly Skill[]
}
