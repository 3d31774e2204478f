package matching

// Renamed codes: a rule or component whose code changed keeps its former code as a
// deprecated alias for one minor version of the API (docs/design.md §6): it is accepted on
// input (ReasonCode.UnmarshalText, ParseComponent) and shown alongside the new code where a
// client may read it.

// DeprecatedCode returns the rule's former code, "" when it was never renamed.
func (c ReasonCode) DeprecatedCode() string { return c.def().deprecated }

// DeprecatedCode returns the component's former code, "" when it was never renamed.
func (c Component) DeprecatedCode() string { return c.def().deprecated }

// ParseComponent returns the component with the code s, or its deprecated former code.
func ParseComponent(s string) (Component, bool) {
	for c := range numComponents {
		if d := c.def(); d.code == s || d.deprecated != "" && d.deprecated == s {
			return c, true
		}
	}
	return 0, false
}
