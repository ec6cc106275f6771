using Xunit.Abstractions;
using Xunit.Sdk;

namespace Deploy.Tests.Stack;

/// <summary>Runs a class's tests in the order of their <see cref="StepAttribute"/>.</summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public const string Name = "Deploy.Tests.Stack.StepOrderer";

    public const string Assembly = "Deploy.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(t => Step(t)).ThenBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal);

    private static int Step(ITestCase testCase)
    {
        var step = testCase.TestMethod.Method.GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName).FirstOrDefault();
        return step is null ? int.MaxValue : (int)step.GetConstructorArguments().First();
    }
}
