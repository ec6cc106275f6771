namespace Deploy.Tests.Stack;

/// <summary>The place of a test in a scenario that changes shared state: tests run by ascending step.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int number) : Attribute
{
    public int Number { get; } = number;
}
